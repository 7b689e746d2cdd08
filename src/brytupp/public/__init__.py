"""The public information pages (decision 0052): what help there is and how to reach it
safely, for anyone, without signing in.

Rules of the domain: no page asks for or shows personal data; no response sets a cookie
(no session, no CSRF token, no form); nothing is fetched from another host; every page has the
quick exit; the language is in the URL, so switching it is a plain link. A district's page is
read from its local process (``localprocess.selectors.local_process_public``), so it stays
true when the district changes who offers what.
"""
