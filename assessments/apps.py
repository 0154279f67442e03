from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from config.sitewide.registry import (
            register_content_model,
            register_data_exporter,
            register_guide_loader,
            register_personal_panel,
            register_user_data_links,
        )

        from . import panels
        from .export import export_assessments
        from .loader import load_assessment_content
        from .visitors import on_login

        register_content_model(
            *(
                self.get_model(name)
                for name in (
                    "Dimension",
                    "Question",
                    "AnswerOption",
                    "Certification",
                    "Skill",
                    "RoleSkill",
                    "LearningResource",
                    "TransitionPath",
                    "PathCertification",
                    "RequirementLevel",
                    "Prerequisite",
                )
            )
        )
        # Registered after careers (INSTALLED_APPS order): paths point at its roles.
        register_guide_loader("assessments", load_assessment_content)
        register_data_exporter("assessments", export_assessments)
        register_user_data_links(
            self.get_model("Assessment"), "interested_roles", "held_certifications"
        )
        register_user_data_links(self.get_model("Answer"), "question", "option")
        register_personal_panel("home", panels.home_panel)
        register_personal_panel("role", panels.role_panel)
        # Sign-up and login both send it: an assessment taken as a visitor becomes theirs.
        user_logged_in.connect(on_login, dispatch_uid="assessments-claim-visitor-assessments")
        self.register_job_search()

    def register_job_search(self) -> None:
        from config.sitewide.registry import (
            register_calendar_entries,
            register_digest_section,
            register_personal_panel,
        )

        from . import job_search

        register_digest_section(job_search.milestone_section)
        register_calendar_entries(job_search.milestone_entries)
        register_personal_panel("application", job_search.gaps_panel)
