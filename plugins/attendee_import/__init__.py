"""First-party plugin: import attendee lists and contact exports (Eventbrite, Meetup, Luma, Zoom, LinkedIn, Google,
Outlook, vCard and any CSV), preview them, dedupe against your network and link people to the event."""
