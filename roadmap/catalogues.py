"""The catalogues a roadmap is written against: ANCT's lists (needs, schemes, envelopes), the
deck's criteria of a structuring project and its categories of analysis data.

Their codes are stored in the database (and written in the migrations' choices): a code never
changes; a label may.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# ANCT's list of needs (besoins), by category, as its tool "Mon inclusion numérique" keeps it.
NEED_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        _("Financements"),
        [
            ("fonds_local", _("Structurer un fonds local pour l'inclusion numérique")),
            ("dossiers_subvention", _("Monter des dossiers de subvention complexes")),
            (
                "animer_gouvernance",
                _("Animer et mettre en œuvre la gouvernance et la feuille de route"),
            ),
        ],
    ),
    (
        _("Formations"),
        [
            ("diagnostic_territorial", _("Établir un diagnostic territorial")),
            ("coconstruire", _("Co-construire la feuille de route avec les membres")),
            ("rediger", _("Rédiger la feuille de route")),
            ("appui_juridique", _("Appui juridique dédié à la gouvernance")),
        ],
    ),
    (
        _("Formation des professionnels"),
        [
            ("former_agents", _("Former les agents publics")),
            ("former_associatifs", _("Former les salariés associatifs")),
            ("qualiopi", _("Appuyer la certification Qualiopi")),
        ],
    ),
    (
        _("Outillage"),
        [
            ("reconditionnement", _("Structurer une filière de reconditionnement locale")),
            ("donnees", _("Collecter des données territoriales")),
            (
                "outils_existants",
                _("Sensibiliser les acteurs aux outils existants (Pix, Les Bases…)"),
            ),
        ],
    ),
]
NEED_LABELS = {code: label for _group, needs in NEED_GROUPS for code, label in needs}

SCHEMES = [
    ("france_services", _("Maison France Services")),
    ("conseiller_numerique", _("Conseiller numérique")),
    ("aidants_connect", _("Aidants Connect")),
    ("centres_sociaux", _("Centres sociaux")),
    ("guichets", _("Administrations de guichet")),
    ("mediatheques", _("Médiathèques et bibliothèques")),
]
SCHEME_LABELS = dict(SCHEMES)

# The deck's four criteria of a "projet structurant et dimensionnant".
CRITERIA = [
    ("ecosystem", _("Profite à l'écosystème dans son ensemble")),
    (
        "integrates",
        _(
            "Rapproche ou intègre des dispositifs existants (Maison France Services, Conseiller "
            "numérique, guichets, centres sociaux…)"
        ),
    ),
    ("standard", _("A vocation à devenir un standard départemental")),
    ("coordinates", _("Permet de coordonner les offres entre elles")),
]

# Envelopes seen in ANCT's tool, offered as suggestions; any other text is accepted.
ENVELOPES = [
    "Ingénierie France Numérique Ensemble - 2024",
    "Formation Aidant Numérique/Aidants Connect - 2024",
    "Conseiller Numérique - 2024",
]


# The deck's "Appel à verser des données d'analyse": its six categories.
class DataCategory(models.TextChoices):
    SOCIAL_IMPACT = "impact_social", _("Mesure d'impact social")
    NEEDS = "analyse_besoins", _("Analyse des besoins")
    CTG = "ctg", _("Convention territoriale de gestion")
    IMPACT_STUDY = "etude_impact", _("Études d'impact inclusion numérique")
    DIAGNOSTIC = "diagnostic", _("Diagnostic")
    SCHEMES = "schemas", _("Schémas départementaux (inclusion numérique, usages numériques…)")
