"""Converters between borderie documents and other annotation formats."""
