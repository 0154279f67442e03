from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from careers.registry import (
            register_content_model,
            register_data_exporter,
            register_guide_loader,
            register_user_data_links,
        )

        from .export import export_assessments
        from .loader import load_assessment_content

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
