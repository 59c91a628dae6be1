"""What a newcomer starts with, beside the pipeline: `digest init` (scaffold.py: a new newsletter's
folder with a commented config, a sample article, .env.example and README.txt) and `digest sink`
(sink.py: a local SMTP server that keeps every message in a Maildir or mbox, for the first mail)."""
