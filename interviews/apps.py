from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interview practice"

    def ready(self) -> None:
        from assessments.path_roles import recommended_role
        from config.sitewide.registry import (
            register_account_eraser,
            register_content_model,
            register_data_exporter,
            register_guide_loader,
            register_personal_panel,
            register_user_data_links,
        )

        from . import panels
        from .export import export_interview_practice
        from .loader import (
            load_interview_shapes,
            load_mock_rounds,
            load_questions,
            load_sample_answers,
            load_search_aliases,
        )
        from .own_questions import delete_all_own_questions
        from .target_role import register_target_role_provider

        register_content_model(
            self.get_model("Question"),
            self.get_model("SearchAlias"),
            self.get_model("MockRound"),
            self.get_model("InterviewShape"),
        )
        # Registered after careers' loader (app order), which creates the roles it links to.
        register_guide_loader("interviews", load_questions)
        register_guide_loader("interviews-search-aliases", load_search_aliases)
        register_guide_loader("interviews-sample-answers", load_sample_answers)
        register_guide_loader("interviews-shapes", load_interview_shapes)
        register_guide_loader("interviews-mock-rounds", load_mock_rounds)
        register_data_exporter("interviews", export_interview_practice)
        for name in ("CardState", "ReviewLog", "Note", "Bookmark", "MockAnswer"):
            register_user_data_links(self.get_model(name), "question")
        register_account_eraser(delete_all_own_questions)
        register_personal_panel("home", panels.home_panel)
        register_personal_panel("role", panels.role_panel)
        # Without a target role in the profile, practise for the assessment's recommendation.
        register_target_role_provider(recommended_role)
        self.register_job_search()

    def register_job_search(self) -> None:
        from assessments.posting_gaps import register_practised_categories
        from config.sitewide.registry import (
            register_calendar_entries,
            register_data_exporter,
            register_digest_section,
            register_personal_panel,
        )

        from . import job_search

        register_personal_panel("home", job_search.home_panel)
        register_personal_panel("application", job_search.application_panel)
        register_digest_section(job_search.reviews_section)
        register_digest_section(job_search.rounds_section)
        register_calendar_entries(job_search.round_entries)
        register_data_exporter("interview_rounds", job_search.export_rounds)
        register_practised_categories(job_search.practised_categories)
