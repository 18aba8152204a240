"""Documents PDF (WeasyPrint) : un gabarit HTML propre à l'impression et sa feuille de style statique."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(template, context, filename, stylesheet="parcours/document.css"):
    """Le gabarit rendu en PDF, à télécharger sous ``filename`` ; rien n'est lu sur le réseau."""
    import weasyprint  # chargé à la première demande : Pango n'est pas utile au reste des pages

    html = weasyprint.HTML(string=render_to_string(template, context))
    pdf = html.write_pdf(stylesheets=[weasyprint.CSS(filename=finders.find(stylesheet))])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
