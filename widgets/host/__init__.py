"""Host plumbing: what makes one Jupyter server carry the three editions.

The jupyter_server extension (:mod:`.server`: banner, static bundle, compression, Voilà pages
whose kernels end with them, the live routes), the pool of warmed kernels (:mod:`.kernels`) and
cached gzip (:mod:`.compression`). May import the live edition (to mount its routes) and the
core; never the notebook or offline editions.
"""
