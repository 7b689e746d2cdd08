"""Signing in: the sign-in and sign-out pages, the second factor (``two_factor``), how long a
session lasts (``middleware``), and the lock-out that failed attempts lead to (``lockout``).

Rules of the lock-out:

- Five failed sign-ins for one user name within 15 minutes lock that user name for 15 minutes
  from the fifth failure; twenty failures from one client address within 15 minutes lock that
  address the same way, whatever user names were tried.
- While locked, every attempt is refused before the password is checked, a correct one too,
  and a refused attempt is not recorded, so it neither extends nor shortens the lock-out.
- A successful sign-in resets the user name's count; it does not reset the address's count,
  or one working account would let an address guess at all the others.
- The message is the same whether or not the user name exists.
- Neither the user name nor the address is stored or logged in clear: both are keyed digests
  (HMAC-SHA256 with ``SECRET_KEY``), and attempts are deleted after a day.
"""
