"""The exhibition on the kiosk: private copies of bundles, the last good one, the holding
screen, and when a changing bundle is still enough to copy. No Qt here."""
