"""The pages of log review (loggkontroll, ``log_review.py``) and of register extracts that
wait for a second person (``extract_requests.py``), under /loggkontroll/."""
