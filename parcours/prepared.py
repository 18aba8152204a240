"""Requêtes préparées : le SQL d'un QuerySet de forme fixe est compilé une fois par processus, puis relancé avec
d'autres valeurs.

Compiler un QuerySet (``SQLCompiler.as_sql``) coûte souvent plus que l'exécuter : 0,7 ms pour l'en-tête du
dossier (jeune, mission locale, référent, rappels : cinq tables jointes) contre 0,2 ms pour l'exécuter et bâtir
les objets. Sous charge, la compilation prenait un cinquième du processeur Python. Une ``PreparedQuery`` garde
le SQL et le compilateur de sa première compilation (et les convertisseurs de ses colonnes) et n'en change que
les paramètres.

    FILE = PreparedQuery(lambda pk, ml_ids, *, related: YoungPerson.objects.select_related(*related)
                         .filter(pk=pk, mission_locale_id__in=ml_ids))
    young_people = FILE(pk, [1, 4], related=("referent",))

- Les valeurs positionnelles (entiers, dates, textes, ou listes de ceux-ci) deviennent des paramètres : la
  première compilation les remplace par des valeurs témoins et note où elles reviennent dans les paramètres du
  SQL. Une seconde compilation, avec d'autres témoins, vérifie que le SQL est le même et que seuls ces
  paramètres-là ont changé ; sinon (valeur transformée par Django, ``None`` devenu ``IS NULL``…) la requête
  refuse d'être préparée (``NotPreparable``) plutôt que de se tromper. Un texte placé dans un motif LIKE
  (``contains``, ``startswith``) est reconnu : le second tour emploie des témoins qui contiennent ``%``, ``_`` et
  ``\\``, que Django échappe dans un motif et pas ailleurs. Une date du jour ou une heure lue pendant la
  construction serait figée dans le SQL gardé : refusée aussi (passez-la en valeur).
- Ce qui change la forme du SQL est passé par mot-clé (``related=`` ci-dessus) : compilé une fois par
  combinaison, comme la longueur de chaque liste (``LONGEST_LIST`` au plus ; ``ids=True`` ramène les listes
  d'identifiants à quelques longueurs).
- ``count()`` compte les lignes, ``sliced()`` en lit une tranche ; ``PreparedList`` donne les deux à ``Paginator``.
- ``settings.PARCOURS_PREPARED_CHECK`` (les tests l'activent) : chaque appel compile aussi le QuerySet comme
  Django le ferait et vérifie que SQL et paramètres sont identiques ; une forme oubliée dans les mots-clés
  échoue donc dans la suite de tests au lieu de servir le mauvais SQL.

Le résultat est une liste, construite par l'itérateur du QuerySet (``ModelIterable`` : objets, ``select_related``
et annotations compris ; ``values_list`` : tuples ou valeurs), lue par un curseur ordinaire (journal des requêtes,
``assertNumQueries``). Un QuerySet ou une liste plus longue que ``LONGEST_LIST`` parmi les valeurs : la requête
est lancée telle que ``build`` la construit, sans préparation (une source d'alertes de « À faire » reçoit ainsi
une mission locale entière en QuerySet, ou les quelques jeunes écrits depuis la dernière lecture par leurs
identifiants).
"""

import copy
import datetime

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import QuerySet
from django.utils import timezone

_UNPREPARED = object()
#: Marque d'un paramètre qui est une date convertie par la base (texte sous SQLite).
_DATE = object()


class NotPreparable(Exception):
    """Le SQL de ce QuerySet ne se réduit pas à des paramètres remplacés (voir le texte du module)."""


def _witness(value, round_, slot):
    """Valeur témoin du même type que ``value``, unique par ``slot`` et par tour de compilation."""
    if isinstance(value, bool) or value is None:
        raise NotPreparable(f"{value!r} change la forme du SQL : passez-la par mot-clé.")
    if isinstance(value, int):
        return 1_900_000_000 + round_ * 100_000 + slot  # dans les bornes d'un entier SQL
    if isinstance(value, datetime.datetime):
        raise NotPreparable("Les dates et heures sont converties par Django : non préparables.")
    if isinstance(value, datetime.date):
        return datetime.date(2700 + round_ * 100 + slot // 300, 1, 1) + datetime.timedelta(days=slot % 300)
    if isinstance(value, str):
        # Au second tour, les caractères spéciaux de LIKE : un motif (``contains``…) les échappe, une égalité non.
        # Bornés par \x1e : aucun témoin n'est le début d'un autre (« 1 » et « 11 »).
        return f"\x1e{slot}-prepare\x1e" if round_ == 0 else f"\x1e{slot}%_\\\x1e"
    raise NotPreparable(f"Type de valeur non préparable : {type(value).__name__}.")


def _witnesses(values, round_):
    """Les valeurs témoins (même structure que ``values``) et {témoin : (position, rang dans la liste ou None)}."""
    out, where, slot = [], {}, 0
    for position, value in enumerate(values):
        if isinstance(value, (list, tuple, set, frozenset)):
            items = []
            for index, item in enumerate(sorted(value) if isinstance(value, (set, frozenset)) else value):
                items.append(_witness(item, round_, slot))
                where[items[-1]], slot = (position, index), slot + 1
            out.append(items)
        else:
            out.append(_witness(value, round_, slot))
            where[out[-1]], slot = (position, None), slot + 1
    return out, where


def _compile(queryset):
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


class _Plan:
    """Une forme compilée : le compilateur (colonnes, objets liés), le SQL et l'origine de chaque paramètre :
    ``(fixe, position, rang, motif)``, où ``motif`` est ``(avant, après)`` pour un texte mis dans un motif LIKE,
    ``_DATE`` pour une date convertie par la base."""

    def __init__(self, compiler, sql, sources, queryset):
        self.compiler, self.sql, self.sources = compiler, sql, sources
        self.model, self.query, self.fields = queryset.model, queryset.query, queryset._fields
        self.iterable_class = queryset._iterable_class
        ops = connections[compiler.using].ops
        self.escape, self.adapt_date = ops.prep_for_like_query, ops.adapt_datefield_value

    def converters(self, compiler):
        """``get_converters`` pour ``compiler`` : les convertisseurs des colonnes lues, calculés une fois par
        connexion. Ils ne dépendent que de ces colonnes, fixes pour une forme, et de la base ; Django les
        recalcule à chaque exécution, une trentaine d'appels par requête (page de dossier : 6,9 → 6,7 et
        7,3 → 6,8 ms de processeur, ``bench/pages.py``). Gardés sur la connexion, qui les emporte en partant :
        sous SQLite ils la désignent (méthodes de ``connection.ops``), et ``runserver`` en ouvre une par requête."""
        kept = compiler.connection.__dict__.setdefault("_parcours_converters", {})
        if self not in kept:
            columns = [column for column, *_ in compiler.select[: compiler.col_count]]
            kept[self] = compiler.get_converters(columns)
        converters = kept[self]
        return lambda expressions: converters

    def params(self, values):
        listed = [sorted(v) if isinstance(v, (set, frozenset)) else v for v in values]
        params = []
        for fixed, position, index, pattern in self.sources:
            if position is None:
                params.append(fixed)
                continue
            value = listed[position] if index is None else listed[position][index]
            if pattern is None:
                params.append(value)
            elif pattern is _DATE:
                params.append(self.adapt_date(value))
            else:
                params.append(f"{pattern[0]}{self.escape(value)}{pattern[1]}")
        return tuple(params)


class _Compiled:
    """Ce que l'itérateur d'un QuerySet (``ModelIterable``, ``ValuesListIterable``…) en lit, avec un compilateur
    déjà prêt."""

    _known_related_objects = {}

    def __init__(self, plan, compiler):
        self.model, self.db, self._fields = plan.model, compiler.using, plan.fields
        self.query = _Query(plan.query, compiler)


class _Query:
    """La requête de la première compilation, dont le compilateur est celui qu'on donne."""

    def __init__(self, query, compiler):
        self._query, self._compiler = query, compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class PreparedQuery:
    #: Formes gardées au plus par requête ; au-delà (numéros de page, par exemple), le QuerySet est lancé tel quel.
    MAX_PLANS = 200
    #: Une liste plus longue parmi les valeurs (toute une mission locale) : le QuerySet est lancé tel quel, plutôt
    #: que de compiler deux fois une forme qui ne resservira guère (une forme par longueur).
    LONGEST_LIST = 50

    def __init__(self, build, *, ids=False):
        """``build(*values, **shape)`` rend le QuerySet ; sa forme ne dépend que de ``shape`` et de la longueur
        des listes parmi ``values``.

        ``ids`` : les listes parmi les valeurs sont des identifiants, employés seulement dans des conditions
        ``__in`` ; elles sont complétées jusqu'à la puissance de deux suivante (``LONGEST_LIST`` au plus) par des
        identifiants négatifs, qui n'existent pas. Sept formes servent alors toutes les longueurs, au lieu d'une
        par longueur (les jeunes écrits depuis la dernière lecture d'une liste « À faire »)."""
        self.build, self.ids = build, ids
        self._plans = {}

    def __call__(self, *values, **shape):
        """Les objets (ou les lignes de ``values_list``) du QuerySet ``build(*values, **shape)``, dans une liste."""
        return self._objects(None, values, shape)

    def sliced(self, start, stop, *values, **shape):
        """Les objets de ``build(*values, **shape)[start:stop]`` (une forme par tranche)."""
        return self._objects((start, stop), values, shape)

    def count(self, *values, **shape):
        """Le nombre de lignes de ``build(*values, **shape)`` (ce que rend ``QuerySet.count()``)."""
        plan, params = self._plan_for("count", values, shape)
        if plan is _UNPREPARED:
            return self.build(*values, **shape).count()
        if plan is None:
            return 0
        with connections[plan.compiler.using].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({plan.sql}) AS prepared_count", params)
            return cursor.fetchone()[0]

    def _objects(self, variant, values, shape):
        plan, params = self._plan_for(variant, values, shape)
        if plan is _UNPREPARED:
            return list(self._variant(variant)(*values, **shape))
        if plan is None:  # la condition ne retient aucune ligne (liste vide) : Django n'interroge pas la base
            return []
        compiler = copy.copy(plan.compiler)
        compiler.connection = connections[plan.compiler.using]
        compiler.as_sql = lambda *args, **kwargs: (plan.sql, params)
        compiler.get_converters = plan.converters(compiler)
        return list(plan.iterable_class(_Compiled(plan, compiler)))

    def _padded(self, ids):
        """``ids`` complétée par des identifiants négatifs jusqu'à la puissance de deux suivante (ou ``LONGEST_LIST``)."""
        if not ids or len(ids) > self.LONGEST_LIST:
            return ids
        size = min(1 << (len(ids) - 1).bit_length(), self.LONGEST_LIST)
        return [*ids, *range(-1, -1 - size + len(ids), -1)]

    def _variant(self, variant):
        """Le QuerySet lui-même (``None``), une tranche (``(start, stop)``) ou ce qu'on compte (``"count"`` : sans
        tri ni colonnes autres que la clé ; Django ôte de même ce que le compte n'utilise pas)."""
        if variant is None:
            return self.build
        if variant == "count":
            return lambda *values, **shape: self.build(*values, **shape).order_by().values("pk")
        start, stop = variant
        return lambda *values, **shape: self.build(*values, **shape)[start:stop]

    def _plan_for(self, variant, values, shape):
        """La forme compilée (``None`` : aucune ligne possible ; ``_UNPREPARED`` : un QuerySet ou une longue liste
        parmi les valeurs, ou trop de formes gardées) et les paramètres de ces valeurs."""
        if any(isinstance(value, QuerySet) for value in values):
            return _UNPREPARED, None
        if self.ids:
            values = tuple(self._padded(value) if isinstance(value, list) else value for value in values)
        lengths = tuple(len(v) if isinstance(v, (list, tuple, set, frozenset)) else -1 for v in values)
        if max(lengths, default=-1) > self.LONGEST_LIST:
            return _UNPREPARED, None
        key = (variant, tuple(sorted(shape.items())), lengths)
        build = self._variant(variant)
        try:
            plan = self._plans[key]
        except KeyError:
            if len(self._plans) >= self.MAX_PLANS:
                return _UNPREPARED, None
            plan = self._plans[key] = _prepare(build, values, shape)
        params = plan.params(values) if plan else None
        if settings.PARCOURS_PREPARED_CHECK:
            _check(build, plan, params, values, shape)
        return plan, params


def _prepare(build, values, shape):
    first, where = _witnesses(values, 0)
    second, _ = _witnesses(values, 1)
    queryset = build(*first, **shape)
    try:
        compiler, sql, params = _compile(queryset)
    except EmptyResultSet:
        return None
    # Une date devenue texte dans les paramètres (SQLite) : reconnue sous cette forme.
    adapt = connections[queryset.db].ops.adapt_datefield_value
    dates = {adapt(w): where[w] for w in where if type(w) is datetime.date and adapt(w) != w}
    sources = [_source(param, where, dates) for param in params]
    if any(position is None and _clock(fixed, adapt) for fixed, position, _, _ in sources):
        raise NotPreparable(
            "La date du jour est lue dans la requête : passez-la en valeur (elle changerait)."
        )
    _, sql_again, params_again = _compile(build(*second, **shape))
    plan = _Plan(compiler, sql, tuple(sources), queryset)
    if sql_again != sql or params_again != plan.params(second):
        raise NotPreparable(
            "Le SQL ne se réduit pas à des paramètres remplacés : passez par mot-clé ce qui change sa forme."
        )
    return plan


def _check(build, plan, params, values, shape):
    """Mode vérification : le SQL préparé est celui que Django compilerait pour ces valeurs."""
    try:
        _, sql, expected = _compile(build(*values, **shape))
    except EmptyResultSet:
        sql, expected = None, None
    prepared = (plan.sql, params) if plan else (None, None)
    if prepared != (sql, expected):
        raise AssertionError(
            f"Requête préparée différente de celle de Django :\n{prepared}\n≠\n{(sql, expected)}"
        )


class PreparedList:
    """Ce que ``Paginator`` lit d'une liste (``count()``, tranches), servi par une requête préparée."""

    def __init__(self, query, *values, **shape):
        self.query, self.values, self.shape = query, values, shape

    def count(self):
        return self.query.count(*self.values, **self.shape)

    def __getitem__(self, bounds):
        return self.query.sliced(bounds.start, bounds.stop, *self.values, **self.shape)


def _source(param, where, dates):
    """D'où vient ce paramètre : une valeur (telle quelle, date convertie par la base, ou texte dans un motif
    LIKE), ou rien (fixe)."""
    if _hashable(param) and param in where:
        return (None, *where[param], None)
    if _hashable(param) and param in dates:
        return (None, *dates[param], _DATE)
    if isinstance(param, str):
        for witness, (position, index) in where.items():
            if isinstance(witness, str) and witness in param:
                before, _, after = param.partition(witness)
                return (None, position, index, (before, after))
    return (param, None, None, None)


def _clock(value, adapt):
    """Une date ou une heure lue à l'horloge pendant la construction (elle serait figée dans le SQL gardé) ;
    ``adapt`` : la conversion des dates par la base (texte sous SQLite)."""
    if isinstance(value, datetime.datetime):
        return True
    today = timezone.localdate()
    return value == today or (isinstance(value, str) and value == adapt(today))


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def mark_loaded(instance, name, objects):
    """La relation inverse ``name`` de ``instance`` tenue pour lue, comme le fait ``prefetch_related_objects`` :
    ``instance.<name>.all()`` rend ``objects`` sans relire la base, et chaque objet connaît ``instance``.
    Appuyé sur l'état interne des QuerySets de Django 5.2 (``_result_cache``) : tests/test_prepared.py le vérifie."""
    field = instance._meta.get_field(name).field
    for related in objects:
        field.set_cached_value(related, instance)
    loaded = getattr(instance, name).all()
    loaded._result_cache, loaded._prefetch_done = list(objects), True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = loaded
