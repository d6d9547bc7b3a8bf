from unittest import mock

import pytest
from django.conf import settings

from marketplace import celery_app
from marketplace.background import enqueue_on_commit
from marketplace.tasks import ping

real_broker = pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="no broker: tasks are eager")
embedded = pytest.mark.skipif(bool(settings.CELERY_BROKER_URL), reason="a broker is configured")


@embedded
def test_without_a_broker_tasks_run_eagerly_in_process():
    assert celery_app.conf.task_always_eager is True
    result = ping.delay()
    assert result.get() == "pong"
    assert type(result).__name__ == "EagerResult"


@real_broker
def test_with_a_broker_a_real_worker_runs_the_task():
    assert celery_app.conf.task_always_eager is False
    assert celery_app.conf.broker_url == settings.CELERY_BROKER_URL
    replies = celery_app.control.ping(timeout=5)
    assert replies, "no Celery worker answered on the broker"
    assert ping.delay().get(timeout=30) == "pong"


@pytest.mark.django_db
def test_tasks_are_enqueued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with mock.patch.object(ping, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            enqueue_on_commit(ping)
            assert delay.call_count == 0
        assert len(callbacks) == 1
        delay.assert_called_once_with()
