# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PASSWORD := ocop-demo-2026

.PHONY: run test install lint check worker lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else "Python 3.12 is required (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.12")'
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the declared or locked dependencies change.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

run: install
	@echo "Chuẩn bị cơ sở dữ liệu (lần đầu mất khoảng một phút)…"
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	@echo
	@echo "  Sàn OCOP Thái Nguyên: http://127.0.0.1:$(PORT)/"
	@echo "  Quản trị nội dung (Wagtail): http://127.0.0.1:$(PORT)/cms-admin/   Bảng điều khiển: http://127.0.0.1:$(PORT)/dashboard/"
	@echo "  Tài khoản mẫu (mật khẩu $(DEMO_PASSWORD)): nguoimua@ocop.local (người mua), htx.tancuong@ocop.local và hkd.mien@ocop.local (người bán),"
	@echo "  canbo@ocop.local (cán bộ tỉnh), admin@ocop.local (quản trị)"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

worker: install
	$(BIN)/celery -A marketplace worker --loglevel=info

# Rewrites the lock file from what is installed; run after changing pyproject.toml.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:
	rm -rf $(VENV) db.test.sqlite3 .test-media .test-media-private
