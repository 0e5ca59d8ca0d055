"""Results leave as xAPI statements for the academy's Learning Record Store (DESIGN 6, issue 14).

``statements``: a session as statements with stable ids; ``replayed``: those of a saved session,
scored from its replay; ``outbox``: the sidecar of statements waiting to be sent; ``lrs``: the
LRS's statements resource over HTTP; ``sync``: sending what waits, with retries, resumable.
The mapping is documented in ``docs/xapi.md``.
"""
