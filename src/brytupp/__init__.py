"""Bryt upp – case coordination for people leaving a violent relationship.

Stockholm city's programme *Bryt upp – sammanhållet stöd för våldsutsatta*: the person tells
their story once and meets one coherent social services, whichever unit they first met and
whichever district they live in.
"""
