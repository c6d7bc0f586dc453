"""The Textual front end: screens, widgets and styles; it drives the session service."""
