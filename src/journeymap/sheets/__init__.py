"""Journeys as spreadsheets: the layout (layout.py) that export writes and import reads back."""
