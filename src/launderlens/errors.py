"""The exceptions launderlens raises, in one tree.

    LaunderlensError
    ├── InputError            one input item cannot become an article; the batch goes on
    │   ├── DecodeError       binary data or bytes no known encoding explains
    │   ├── TooLargeError     over a size cap
    │   ├── FormatError       malformed JSON, feed, WARC, front matter
    │   ├── NoArticleError    well-formed, but no article text in it
    │   └── FetchError        a URL could not be fetched
    │       └── BlockedAddressError   it resolves to a private, loopback or link-local address
    ├── ConfigError           bad arguments or settings; the message lists what is allowed
    └── StoreError            the database refused or is unusable
        └── SchemaError       the database was written by a newer launderlens

The message of an InputError is the reason recorded against the item, so it is written
for the person who will read the ingest summary.
"""

from __future__ import annotations


class LaunderlensError(Exception):
    """Base of every error launderlens raises on purpose."""


class InputError(LaunderlensError):
    """An input item that cannot become an article."""


class DecodeError(InputError):
    """Bytes that are binary or in no encoding we can identify."""


class TooLargeError(InputError):
    """An item over a size cap."""


class FormatError(InputError):
    """Malformed data for the format it claims to be."""


class NoArticleError(InputError):
    """Well-formed input that holds no article text."""


class FetchError(InputError):
    """A URL that could not be fetched."""


class BlockedAddressError(FetchError):
    """A URL whose host resolves to an address we refuse to contact by default."""


class ConfigError(LaunderlensError, ValueError):
    """Bad arguments or settings."""


class StoreError(LaunderlensError):
    """The store cannot do what was asked."""


class SchemaError(StoreError):
    """The database schema is newer than this version of launderlens understands."""
