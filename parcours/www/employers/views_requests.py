"""Les demandes « être rappelé(e) » reçues par la page publique des offres, à traiter par la mission locale."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from parcours.employers import requests
from parcours.employers.models import CallbackRequest
from parcours.www.access import ml_staff_required

PAGE_SIZE = 25


@ml_staff_required
def request_list(request):
    visible = CallbackRequest.objects.visible_to(request.user).select_related("offer", "handled_by")
    page = Paginator(visible.order_by("status", "-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "employers/request_list.html",
        {"page": page, "to_handle": visible.to_handle().count(), "title": "Demandes de rappel"},
    )


@ml_staff_required
@require_POST
def request_handled(request, request_pk):
    callback = get_object_or_404(CallbackRequest.objects.visible_to(request.user), pk=request_pk)
    try:
        requests.mark_handled(callback, by=request.user)
    except requests.RequestRefused as error:
        messages.info(request, str(error))
    else:
        messages.success(request, f"Demande de {callback.first_name} {callback.last_name} marquée traitée.")
    return redirect("employers:request_list")
