"""Log review (loggkontroll), namespace ``log_review``, under /loggkontroll/."""

app_name = "log_review"
urlpatterns = []
