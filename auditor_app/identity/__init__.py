"""The auditor's identity: a key and an X.509 certificate kept in a PKCS#12 file.

An identity is either made here (self-signed, for a team whose lead trusts each auditor's
certificate) or issued by a certification body and imported. Importing this package is cheap:
``cryptography`` is loaded only by the functions that need it.
"""

from auditor_app.identity.certificate import (
    IDENTITIES_DIR,
    Identity,
    IdentityError,
    check_can_sign,
    create_identity,
    export_certificate_pem,
    format_fingerprint,
    identities_dir,
    import_identity,
    load_identity,
)

__all__ = [
    "IDENTITIES_DIR",
    "Identity",
    "IdentityError",
    "check_can_sign",
    "create_identity",
    "export_certificate_pem",
    "format_fingerprint",
    "identities_dir",
    "import_identity",
    "load_identity",
]
