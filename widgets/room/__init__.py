"""What a room answered: questions as a phone sees them, the room's aggregate, the replay.

Core, shared by the live edition (which collects answers and serves them), the notebook edition
(the facilitator's panel draws them) and the offline edition (the replay page). Pure functions
and small dataclasses over the banks: :mod:`.questions` (what a phone sees), :mod:`.aggregate`
(counts and the group's profile), :mod:`.records` and :mod:`.exports` (what a participant keeps,
what a facilitator exports), :mod:`.replay` (the ``parcours-replay`` document), :mod:`.join`
(join URL and QR code).

Core: imports ``scoring``, ``banks``, ``storage``, ``errors`` and ``config``; never figures,
templates or an edition.
"""
