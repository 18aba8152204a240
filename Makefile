# Parcours : deux commandes suffisent sur une machine neuve.
#   make demo  — installe, migre la base SQLite, charge les données de démonstration, sert sur 127.0.0.1:8000
#   make serve — réglages de production en local : DEBUG coupé, collectstatic, migrate, gunicorn sur 127.0.0.1:8000
#   make test  — installe et lance toute la suite (lint, migrations, tests, tests navigateur)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_JEUNES ?= 3000
DEMO_ADDRESS ?= 127.0.0.1:8000

.PHONY: install demo serve test lint format bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Le serveur et, à côté, le travailleur des tâches de fond (imports déposés, extraction de la nuit, rappels) et
# un serveur SMTP local (aiosmtpd) qui écrit les courriels de rappel dans var/rappels/courriels.txt (les SMS :
# var/rappels/sms.txt) ; Ctrl-C arrête tout (le travailleur finit sa tâche en cours).
DEMO_SMTP_PORT ?= 8025
DEMO_MAIL := DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend DJANGO_EMAIL_HOST=127.0.0.1 \
	DJANGO_EMAIL_PORT=$(DEMO_SMTP_PORT)
demo: install
	$(PY) manage.py migrate --noinput
	PARCOURS_LOG_FORMAT=texte $(PY) manage.py charger_demo --jeunes $(DEMO_JEUNES)
	DJANGO_DEBUG=1 $(DEMO_MAIL) bash -c '$(PY) -m aiosmtpd -n -l 127.0.0.1:$(DEMO_SMTP_PORT) \
	  -c parcours.reminders.devsmtp.FileInbox $${PARCOURS_VAR_DIR:-var}/rappels/courriels.txt & smtp=$$!; \
	  $(PY) manage.py lancer_travailleur & worker=$$!; trap "" INT; \
	  (trap - INT; exec $(PY) manage.py runserver $(DEMO_ADDRESS)); \
	  kill -INT $$worker 2>/dev/null; wait $$worker; kill $$smtp 2>/dev/null; wait $$smtp'

# Réglages de production en local (base : DATABASE_URL, SQLite sinon) ; variables : config/gunicorn.conf.py.
serve: install
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn --config config/gunicorn.conf.py config.wsgi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Suite en parallèle (pytest-xdist), un fichier par processus (fixtures de module gardées). Sur deux cœurs :
# 5 à 6 min avec 2 ou 3 processus (les tests attendent aussi PostgreSQL et Chromium), plus lent à 4, 13 à 17 min
# en série. Série : make test PYTEST_XDIST=
PYTEST_XDIST ?= -n 3 --dist loadfile
test: lint
	$(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var test-artifacts
