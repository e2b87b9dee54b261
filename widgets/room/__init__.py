"""What a room answered: questions as a phone sees them, the room's aggregate, the replay.

Core, shared by the live edition (which collects answers and serves them), the notebook edition
(the facilitator's panel draws them) and the offline edition (the replay page). Pure functions
and small dataclasses over the banks; imports nothing but the core below it.
"""
