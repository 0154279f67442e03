from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers content"

    def ready(self) -> None:
        from config.sitewide.registry import (
            register_content_model,
            register_data_exporter,
            register_guide_loader,
            register_user_data_links,
        )

        from .content import load_careers_guide

        register_content_model(
            self.get_model("Role"),
            self.get_model("SalaryBand"),
            self.get_model("Hub"),
            self.get_model("Market"),
            self.get_model("MarketFact"),
            self.get_model("GuideEntry"),
            self.get_model("EditorNote"),
            self.get_model("PageReview"),
        )
        # Careers loads first: the other apps' content refers to its roles.
        register_guide_loader("careers", load_careers_guide)
        from .export import export_offer_comparisons, export_profile

        register_data_exporter("profile", export_profile)
        register_data_exporter("offer_comparisons", export_offer_comparisons)
        register_user_data_links(self.get_model("Profile"), "target_role", "preferred_hub")
        register_user_data_links(self.get_model("Offer"), "market")
        self.register_job_search()

    def register_job_search(self) -> None:
        from config.sitewide.registry import (
            register_calendar_entries,
            register_data_exporter,
            register_digest_section,
            register_user_data_links,
        )

        from .export import export_applications, export_reminder_settings
        from .reminders import follow_up_entries, follow_ups_section

        register_data_exporter("applications", export_applications)
        register_data_exporter("reminder_settings", export_reminder_settings)
        register_user_data_links(self.get_model("Application"), "role", "market")
        register_digest_section(follow_ups_section)
        register_calendar_entries(follow_up_entries)
