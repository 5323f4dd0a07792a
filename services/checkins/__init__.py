"""Check-ins and answers: the form, progress, measurements and imported indicator figures."""
