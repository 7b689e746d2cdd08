"""The ground floor of the pages: the GOV.UK form kit, the form-page loop, PDF documents and
the template tags. It knows Django and GOV.UK Frontend, and nothing of the domain apps."""
