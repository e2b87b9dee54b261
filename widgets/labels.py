"""French labels for error codes and interface strings.

Codes come from our own checks and from Frictionless (``type-error``, ``constraint-error``…).
Keeping the wording here, away from the checks, lets tests assert on codes while people read
French.
"""

from __future__ import annotations

from widgets.french import NBSP

PROBLEM_LABELS: dict[str, str] = {
    # files
    "file-missing": "fichier introuvable",
    "file-empty": "fichier vide",
    "encoding-error": "encodage illisible (le fichier doit être en UTF-8)",
    "format-error": "format de fichier illisible",
    "json-error": "JSON invalide",
    "yaml-error": "YAML invalide",
    "package-error": "description du paquet de données (datapackage.json) invalide",
    "resource-missing": "ressource absente du paquet de données",
    # tables (Frictionless codes)
    "missing-label": "colonne manquante",
    "extra-label": "colonne inattendue",
    "incorrect-label": "nom de colonne inattendu",
    "duplicate-label": "colonne en double",
    "blank-label": "nom de colonne vide",
    "blank-header": "en-tête vide",
    "blank-row": "ligne vide",
    "extra-cell": "cellule en trop",
    "missing-cell": "cellule manquante",
    "type-error": "valeur du mauvais type",
    "constraint-error": "valeur hors des limites autorisées",
    "primary-key": "clé en double (cette ligne répète une clé déjà présente)",
    "unique-error": "valeur en double",
    "foreign-key": "référence inconnue",
    "row-error": "ligne invalide",
    "cell-error": "cellule invalide",
    "source-error": "source illisible",
    "scheme-error": "emplacement de fichier invalide",
    "hash-count": "empreinte ou taille du fichier différente de celle déclarée",
    # our own checks
    "unknown-region": "code de région inconnu",
    "unknown-indicator": "indicateur inconnu",
    "missing-source": "source manquante",
    "bad-direction": "sens de l'indicateur invalide",
    "geometry-error": "géométrie invalide",
    "value-mismatch": "valeur absente de la citation",
    "quote-not-found": "citation introuvable dans le document source",
    "duplicate-id": "identifiant en double",
    "unknown-axis": "axe inconnu",
    "thresholds-order": "seuils dans le désordre",
    "missing-field": "champ obligatoire manquant",
    "invalid-field": "champ invalide",
    "out-of-scale": "réponse hors de l'échelle",
    "unknown-item": "question inconnue",
    "missing-item": "ligne manquante",
    "unknown-option": "option de réponse inconnue pour cette question",
    "unknown-field": f"champ inconnu (faute de frappe{NBSP}?)",
    "scale-order": "valeurs de l'échelle dans le désordre (elles doivent croître)",
    "too-many-choices": "trop d'options choisies pour cette question",
    "too-long": "réponse trop longue",
    "too-deep": "imbrication trop profonde",
    "too-large": "valeur trop grande",
    "not-finite": "nombre non fini (NaN ou infini)",
    "control-character": "caractère de contrôle interdit",
    "delimiter-error": (
        "séparateur de colonnes inattendu (le fichier doit être séparé par des virgules)"
    ),
    "duplicate-region": "région en double",
    "bank-exists": "une banque porte déjà cet identifiant",
    "spreadsheet-delimiter": (
        "séparateur de colonnes non reconnu (virgule ou point-virgule attendu, "
        "avec une ligne d'en-tête commençant par «\u00a0question\u00a0»)"
    ),
    "unknown-column": "colonne inconnue",
    "too-many-rows": "trop de lignes",
    "store-unavailable": "base de résultats indisponible",
    "store-read-only": "base de résultats en lecture seule",
    "store-full": "disque plein",
    "store-locked": "base de résultats verrouillée par un autre programme",
    "result-pending": (
        "vos réponses sont gardées en mémoire et seront enregistrées dès que la base "
        f"répondra{NBSP}; exportez-les pour ne pas les perdre si vous fermez le carnet"
    ),
    "unsupported-version": "version du format non prise en charge",
    "pdf-unavailable": (
        f"le PDF nécessite Chromium, absent de cette machine{NBSP}; ouvrez le rapport HTML "
        "dans votre "
        "navigateur et imprimez-le en PDF (Ctrl+P)"
    ),
    "pdf-failed": (
        f"Chromium n'a pas pu produire le PDF{NBSP}; ouvrez le rapport HTML dans votre "
        "navigateur et "
        "imprimez-le en PDF (Ctrl+P)"
    ),
}


def problem_label(code: str) -> str:
    """French words for a problem code; unknown codes fall back to a generic phrase."""
    return PROBLEM_LABELS.get(code, f"problème ({code})")


LIVE_MESSAGES: dict[str, str] = {
    # What a participant's phone shows when the live server refuses something (JSON "error").
    "unknown-session": (
        f"Cette session n'existe pas{NBSP}: vérifiez le code affiché par l'animateur ou "
        "l'animatrice."
    ),
    "session-closed": f"La session est close{NBSP}: les réponses ne sont plus acceptées.",
    "not-revealed": "Les résultats ne sont pas encore révélés.",
    "answer-locked": (
        "Votre réponse à la question «\u00a0{item}\u00a0» ne peut plus changer\u00a0: "
        "la bonne réponse a été affichée."
    ),
    "too-large": f"Envoi trop volumineux{NBSP}: 16 Ko au plus.",
    "bad-json": "Envoi illisible\u00a0: un objet JSON {{participant, answers}} est attendu.",
    "bad-participant": f"Identifiant de participant invalide{NBSP}: rechargez la page.",
    "no-answer": "L'envoi ne contient aucune réponse.",
    "rate-limited": f"Trop d'envois en peu de temps{NBSP}: patientez quelques secondes.",
    "unavailable": (
        f"Le service est momentanément indisponible{NBSP}: votre réponse sera renvoyée "
        "automatiquement."
    ),
    "bank-missing": "Le questionnaire de cette session est introuvable sur le serveur.",
    "store-read-only": (
        f"Le serveur ne peut pas enregistrer les réponses (base en lecture seule){NBSP}: "
        "votre réponse n'a pas été enregistrée. Prévenez l'animateur ou l'animatrice."
    ),
    "store-full": (
        f"Le serveur ne peut pas enregistrer les réponses (disque plein){NBSP}: votre réponse "
        "n'a pas été enregistrée. Prévenez l'animateur ou l'animatrice."
    ),
    "not-found": "Adresse inconnue.",
    "session-expired": (
        f"Cette session est terminée depuis longtemps{NBSP}: demandez le code de la session "
        "en cours."
    ),
    "join-limited": (
        f"Trop de connexions depuis ce réseau en une minute{NBSP}: patientez quelques secondes."
    ),
    "bad-content-type": f"Envoi refusé{NBSP}: un objet JSON (application/json) est attendu.",
    "cross-origin": f"Envoi refusé{NBSP}: il doit venir de la page de la session.",
    "method": "Opération non permise à cette adresse.",
    "bad-key": f"Clé invalide{NBSP}: ce suivi est réservé à l'écran de l'animateur.",
    "unknown-item": "La question «\u00a0{item}\u00a0» n'existe pas dans ce questionnaire.",
    "unknown-option": "«\u00a0{value}\u00a0» n'est pas une réponse possible à la question "
    "«\u00a0{item}\u00a0».",
    "out-of-scale": (
        "«\u00a0{value}\u00a0» est hors de l'échelle de la question «\u00a0{item}\u00a0» "
        "(valeurs possibles\u00a0: "
        "{expected})."
    ),
    "invalid-field": "Réponse du mauvais type à la question «\u00a0{item}\u00a0»\u00a0: "
    "{expected} attendu.",
    "missing-field": "Réponse vide à la question «\u00a0{item}\u00a0».",
    "too-many-choices": "Trop d'options choisies à la question «\u00a0{item}\u00a0»\u00a0: "
    "{expected}.",
    "too-long": "Réponse trop longue à la question «\u00a0{item}\u00a0»\u00a0: {expected}.",
    # The audience's questions (Q&A).
    "question-length": (
        f"Votre question doit compter de {{expected}} caractères{NBSP}: raccourcissez-la ou "
        "complétez-la."
    ),
    "not-audience": "Cette question du questionnaire ne reçoit pas de questions du public.",
    "unknown-question": "Cette question du public n'existe pas ou a été masquée.",
    "own-question": "Vous ne pouvez pas voter pour votre propre question.",
    "voted-twice": "Vous avez déjà voté pour cette question.",
}


def live_message(code: str, **fields: object) -> str:
    """French sentence for a live-audience refusal; unknown codes get a generic one."""
    template = LIVE_MESSAGES.get(code)
    if template is None:
        return f"Envoi refusé ({code})."
    return template.format_map(_Blank({k: v for k, v in fields.items() if v is not None}))


class _Blank(dict[str, object]):
    """A missing field shows as nothing rather than raising in the middle of an error path."""

    def __missing__(self, key: str) -> str:
        return ""
