from django import forms

from parcours.documents import formats
from parcours.documents.enums import DocumentKind
from parcours.www.forms import guard


class DocumentForm(forms.Form):
    """Dépôt d'un document. On ne demande jamais le numéro d'une pièce d'identité : le dossier n'en garde pas."""

    kind = forms.ChoiceField(label="Type de document", choices=DocumentKind.choices)
    title = forms.CharField(
        label="Intitulé",
        max_length=200,
        required=False,
        help_text="Par exemple « CV de mars » ou « CAP cuisine ». À défaut, le nom du fichier.",
    )
    file = forms.FileField(
        label="Fichier",
        help_text=f"Formats acceptés : {formats.ACCEPTED}. Taille maximale : {{max}} Mo.",
        widget=forms.FileInput(attrs={"accept": formats.ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, max_mb, **kwargs):
        super().__init__(*args, **kwargs)
        guard(self.fields["title"])
        self.fields["file"].help_text = self.fields["file"].help_text.replace("{max}", str(max_mb))
