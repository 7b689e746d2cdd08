"""Work lists: Mina ärenden (the cases a case worker is responsible for), Enhetens ärenden
(the cases the user's units are invited to or take part in) and Att göra (what is due in
them).

Domain rules:
- A list shows only what ``access.policies`` lets the acting user see, and logs every case
  row it shows (``AccessKind.LIST_ROW``); a person is shown through ``person_display_name``,
  masked while the case waits for acceptance.
- A list costs a fixed number of queries, however long it is.
- The app has no models: it reads the cases, interventions and plans of other apps.
"""
