"""The static files' storage: hashed, compressed names once `collectstatic` has run.

`collectstatic` (run by `make demo` and by every deployment) writes each file under a name that
carries a hash of its content, with a gzip copy beside it, and a manifest of those names. The
pages then link the hashed names, which WhiteNoise (the demo, the benchmark) and nginx
(production) serve compressed and cacheable for a year: a new release has new names, so a
phone never keeps an old stylesheet, and a phone that comes back to a workshop downloads
nothing again.

Where nothing was collected (a fresh checkout, the tests' own process), or for a file added
since, the plain name is linked: WhiteNoise serves it from the source tree
(`WHITENOISE_USE_FINDERS`), uncompressed and revalidated after a minute.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CollectedStaticStorage(CompressedManifestStaticFilesStorage):
    # A name missing from the manifest raises (it would otherwise be looked for, and fail,
    # in the collected files), and is then linked as it is.
    manifest_strict = True

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
