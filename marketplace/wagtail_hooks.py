from wagtail import hooks

from marketplace import audit_log


@hooks.register("register_log_actions")
def register_decision_log_actions(actions):
    audit_log.register_actions(actions)
