"""Bring the guide's wording back where the first load paraphrased it away.

Only rows still holding the old wording change: anything staff edited since is theirs.
The guide's hedges ("over 80", "approximately 60") become the facts' qualifiers.
"""

from django.db import migrations

ENTRY_BODIES = [
    (
        "remote-advantage-cost-savings",
        "You spend less on office travel, meals and a work wardrobe.",
        "You spend less on office space, meals and a professional wardrobe.",
    ),
    (
        "onsite-case-collaboration",
        "Shared spaces allow informal conversations and rapid iteration. The IEEE Computer Society "
        "has documented many research breakthroughs that grew out of in-person collaboration, and "
        "remote productivity tends to drop for exploratory research that needs frequent "
        "back-and-forth.",
        "Shared spaces allow informal conversations and rapid iteration. The IEEE Computer Society "
        "has documented many research breakthroughs that grew out of in-person collaboration. "
        "Studies of distributed AI teams show that productivity remains high for well-defined "
        "projects but may decrease for exploratory research requiring frequent iteration and "
        "collaboration.",
    ),
    (
        "faq-computer-science-degree",
        "No. A computer science degree is common among AI professionals, but bootcamps, online "
        "certifications, and domain expertise combined with technical skills also lead to "
        "successful careers. Many employers care more about what your portfolio projects and "
        "practical experience show than about formal credentials.",
        "While computer science degrees remain common among AI professionals, alternative paths "
        "including bootcamps, online certifications, and domain expertise combined with technical "
        "skills can lead to successful AI careers. Many employers prioritize demonstrated "
        "competence through portfolio projects and practical experience over formal educational "
        "credentials.",
    ),
    (
        "faq-programming-languages",
        "Python, by a wide margin: over 80% of AI job postings ask for it. R follows for data "
        "analysis roles and JavaScript for AI-powered web applications, and SQL is needed for "
        "handling data in most AI positions.",
        "Python dominates AI development with over 80% of AI job postings requiring Python "
        "proficiency, followed by R for data analysis roles and JavaScript for AI-powered web "
        "applications. SQL knowledge is also crucial for data manipulation across most AI "
        "positions.",
    ),
    (
        "faq-transition-time",
        "Usually 6–18 months, depending on your technical background and how complex the target "
        "role is. People from non-technical backgrounds often start in AI-adjacent roles such as "
        "product management or ethics consulting and move into more technical work later.",
        "Career transitions typically require 6-18 months depending on existing technical "
        "background and target role complexity. Non-technical professionals often succeed in "
        "AI-adjacent roles like product management or ethics consulting before advancing to "
        "technical positions.",
    ),
    (
        "faq-recession-proof",
        "Not completely, but AI roles have held up better in downturns than general tech jobs, "
        "because companies keep investing in automation and efficiency. Jobs at speculative AI "
        "start-ups and in research can be more volatile than applied roles that solve immediate "
        "business problems.",
        "AI roles show greater resilience during economic downturns compared to general tech "
        "positions, with continued enterprise investment in automation and efficiency improvements. "
        "However, speculative AI startups and research positions may face more volatility than "
        "applied AI roles solving immediate business problems.",
    ),
    (
        "faq-ai-vs-machine-learning",
        "Machine learning roles centre on statistical modelling and implementing algorithms. AI "
        "roles often take in broader system design, natural language processing and newer "
        "techniques such as large language model development. Job titles mix the two terms freely, "
        "so read each posting's responsibilities closely.",
        "Machine learning roles focus specifically on statistical modeling and algorithm "
        "implementation, while AI positions often encompass broader system design, natural language "
        "processing, and emerging techniques like large language model development. Many job titles "
        "use these terms interchangeably, requiring careful review of specific responsibilities.",
    ),
    (
        "faq-without-phd",
        "Yes. Most applied AI positions ask for a bachelor's or master's degree, and industry "
        "values practical implementation skills over research credentials. PhDs are mostly required "
        "for research scientist positions at major tech companies and academic institutions.",
        "Most applied AI positions require bachelor's or master's degrees rather than PhDs, with "
        "industry focusing on practical implementation skills over research credentials. PhD "
        "requirements are typically limited to research scientist positions at major tech companies "
        "or academic institutions.",
    ),
    (
        "faq-industries",
        "Healthcare, financial services, automotive and retail lead AI hiring outside tech "
        "companies, with growing demand in manufacturing, energy and government agencies. These "
        "employers often value domain expertise combined with AI skills over purely technical "
        "backgrounds.",
        "Healthcare, financial services, automotive, and retail sectors lead AI hiring outside "
        "traditional tech companies, with growing demand in manufacturing, energy, and government "
        "agencies. These industries often value domain expertise combined with AI skills over pure "
        "technical backgrounds.",
    ),
]

HUB_NOTES = [
    (
        "miami",
        "A gateway to Latin American markets. Fintech and healthcare AI companies, multilingual "
        "applications and financial services cluster here, drawn by international business links "
        "and favourable tax policies.",
        "Attracting significant AI company relocations, and a gateway to Latin American markets. "
        "Fintech and healthcare AI companies, multilingual applications and financial services "
        "cluster here, drawn by international business links and favourable tax policies.",
    )
]

QUALIFIERS = {"python-required": "over", "remote-share": "about"}


def restore_wording(apps, schema_editor):
    GuideEntry = apps.get_model("careers", "GuideEntry")
    Hub = apps.get_model("careers", "Hub")
    MarketFact = apps.get_model("careers", "MarketFact")
    for slug, old, new in ENTRY_BODIES:
        GuideEntry.objects.filter(slug=slug, body=old).update(body=new)
    for slug, old, new in HUB_NOTES:
        Hub.objects.filter(slug=slug, notes=old).update(notes=new)
    for slug, qualifier in QUALIFIERS.items():
        MarketFact.objects.filter(slug=slug, qualifier="").update(qualifier=qualifier)


class Migration(migrations.Migration):
    dependencies = [("careers", "0003_guide_passages_notes_reviews")]

    operations = [migrations.RunPython(restore_wording, migrations.RunPython.noop)]
