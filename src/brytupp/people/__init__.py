"""People: persons exposed to violence, their children, identity numbers, protected identity.

Domain rules:
- A person is identified by a personnummer, a samordningsnummer (the day of birth plus 60),
  or neither: a reserve identity made of name and birth date.
- An identity number must be valid (a real date, the Luhn check digit), must agree with the
  birth date, and may belong to one person only.
- An identity number is never kept in clear text: it is sealed for display and found through
  a keyed digest, so neither tables, indexes, dumps nor logs hold it readable.
- A child is a person of their own, linked to their guardians.
- Protected identity (skyddade personuppgifter) has three levels; at any of them, name,
  identity number and address are masked wherever they would be shown.
- A protected identity's name is not kept in clear either: sealed, and found by a keyed
  digest of name and birth date (``names``, decision 0022), so a database session without
  the keys cannot read it.
"""
