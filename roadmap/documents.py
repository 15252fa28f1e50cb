"""Documents sent through the public call for analysis data: what we accept, and how we check it.

The file's name says what it claims to be; its first bytes must agree. Files are stored under
MEDIA_ROOT with a random name (never under static) and only served by a view that checks the
reader is one of the roadmap's editors.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.utils.translation import gettext as _

from common import throttle
from roadmap.money import format_number

MAX_UPLOAD_BYTES = settings.ROADMAP_UPLOAD_MAX_BYTES
# An Office/ODF file is a zip: a few KB can unpack to gigabytes (a zip bomb) in the software
# of the editor who opens it. Its parts are unpacked (and thrown away) up to this much.
MAX_UNPACKED_BYTES = settings.ROADMAP_UPLOAD_MAX_UNPACKED_BYTES
# All the files of one roadmap's call together: the disk is bounded whatever the senders do.
MAX_TOTAL_BYTES = settings.ROADMAP_UPLOAD_TOTAL_BYTES
# Documents sent from one address per hour: the form is public.
UPLOADS = throttle.Limit("data-call-uploads", settings.DATA_CALL_UPLOADS, 60 * 60)

_PDF, _ZIP, _TEXT = "pdf", "zip", "text"
ALLOWED_TYPES: dict[str, tuple[str, str]] = {
    "pdf": (_PDF, "application/pdf"),
    "docx": (_ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (_ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (_ZIP, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": (_ZIP, "application/vnd.oasis.opendocument.text"),
    "ods": (_ZIP, "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": (_ZIP, "application/vnd.oasis.opendocument.presentation"),
    "csv": (_TEXT, "text/csv"),
    "txt": (_TEXT, "text/plain"),
}
ACCEPT_ATTRIBUTE = ",".join(f".{suffix}" for suffix in ALLOWED_TYPES)


def human_size(size: int) -> str:
    """10485760 → "10 Mo"."""
    if size >= 1024 * 1024:
        return _("%(size)s Mo") % {"size": format_number(size / (1024 * 1024), places=0)}
    return _("%(size)s Ko") % {"size": format_number(max(size / 1024, 1), places=0)}


def allowed_types_text() -> str:
    return ", ".join(suffix.upper() for suffix in ALLOWED_TYPES)


def suffix_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_type_of(name: str) -> str:
    return ALLOWED_TYPES.get(suffix_of(name), ("", "application/octet-stream"))[1]


def check_upload(*, upload: UploadedFile, roadmap) -> None:
    """Refuse, with a French message, a file too large, empty, not of an accepted type, that
    unpacks to too much, or that the roadmap has no room left for."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Ce fichier pèse %(size)s : la limite est de %(limit)s.")
            % {"size": human_size(upload.size), "limit": human_size(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    suffix = suffix_of(upload.name or "")
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Formats acceptés : %(types)s.")
            % {"types": allowed_types_text()},
            code="type",
        )
    family = ALLOWED_TYPES[suffix][0]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if family == _PDF:
        ok = head.startswith(b"%PDF-")
    elif family == _ZIP:
        ok = head.startswith(b"PK\x03\x04") and zipfile.is_zipfile(upload)
        upload.seek(0)
    else:
        ok = b"\x00" not in head and _decodes(head)
    if not ok:
        raise ValidationError(
            _("Le contenu de ce fichier ne correspond pas à son extension « .%(suffix)s ».")
            % {"suffix": suffix},
            code="content",
        )
    if family == _ZIP and _unpacks_beyond(upload, MAX_UNPACKED_BYTES):
        raise ValidationError(
            _(
                "Ce document se décompresse en plus de %(limit)s : il n'est pas accepté. "
                "Enregistrez-le de nouveau depuis votre logiciel, ou envoyez un lien."
            )
            % {"limit": human_size(MAX_UNPACKED_BYTES)},
            code="unpacked",
        )
    stored = roadmap.submissions.aggregate(total=Sum("size"))["total"] or 0
    if stored + upload.size > MAX_TOTAL_BYTES:
        raise ValidationError(
            _(
                "L'appel à données de cette feuille de route a atteint sa capacité "
                "(%(limit)s) : envoyez plutôt un lien vers le document."
            )
            % {"limit": human_size(MAX_TOTAL_BYTES)},
            code="full",
        )


def _unpacks_beyond(upload: UploadedFile, limit: int) -> bool:
    """Whether the zip's parts unpack to more than `limit` bytes. They are really unpacked,
    a chunk at a time, since the sizes a zip declares can lie."""
    unpacked = 0
    try:
        with zipfile.ZipFile(upload) as archive:
            for info in archive.infolist():
                unpacked += info.file_size
                if unpacked > limit:
                    return True
            unpacked = 0
            for info in archive.infolist():
                with archive.open(info) as part:
                    while chunk := part.read(1024 * 1024):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            return True
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError):
        return True  # damaged, encrypted or of a kind we can't unpack: not an Office file
    finally:
        upload.seek(0)
    return False


def _decodes(head: bytes) -> bool:
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut by the 2 KB window is not an error.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
            continue
        return True
    return False  # pragma: no cover - cp1252 decodes almost anything
