"""Enregistre dans ``WarehouseChange`` chaque jeune dont un fait change (création, modification,
suppression), pour l'extraction incrémentale. Les modèles des programmes et de la co-traitance sont
suivis s'ils existent."""

from django.db.models.signals import post_delete, post_save

from parcours.warehouse import sources

TRACKED = [
    ("young_people", "YoungPerson", "pk"),
    ("accompaniment", "Contact", "young_person_id"),
    ("accompaniment", "Proposal", "young_person_id"),
    ("accompaniment", "Situation", "young_person_id"),
]


def _receiver(attribute):
    def record(sender, instance, raw=False, **kwargs):
        from parcours.warehouse.models import WarehouseChange

        if raw:
            return
        young_person_id = getattr(instance, attribute, None)
        if young_person_id is not None:
            WarehouseChange.objects.create(young_person_id=young_person_id)

    return record


_RECEIVERS = []


def connect():
    for app_label, model_name, attribute in TRACKED + sources.tracked_models():
        model = sources.optional_model(app_label, model_name)
        if model is None:
            continue
        receiver = _receiver(attribute)
        _RECEIVERS.append(receiver)
        uid = f"warehouse-{app_label}-{model_name}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
