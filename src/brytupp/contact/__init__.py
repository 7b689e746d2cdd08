"""A safe way in: the contact request from the public pages ("Kontakta mig", decision 0054).

A person at risk, or someone worried about them, asks the district's relationship violence
team (RVT) to contact them, giving only what is needed: what to call them, a phone number,
whether to call or send a text, when it is safe, and whether the team may say who is calling
if someone else answers. The request is a screening-to-be: it waits in the RVT's list until a
case worker has tried to reach the person and records what came of it. Then the contact
details are erased; the outcome stays, for the follow-up.

- Only the district's RVT sees a request (``policies.contact_requests``); no one else, not
  even an administrator, reaches one through the application.
- Nothing is ever sent to the person or anyone else: no e-mail, no text, no confirmation.
- Submissions are counted per client address (a keyed digest, kept a day) and in all, and
  refused beyond the limits (``services.RATE_LIMITS``) with a message that changes nothing.
"""
