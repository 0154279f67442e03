"""Bring the certification facts rechecked on 2026-12-01 (and two plan texts) to existing rows.

On 2026-12-01 every credential was checked again on its provider's own pages: those we could
not confirm there became "not confirmed" (two were "retired" on independent guides' word, the
others "active"), with a plain note, no official address or fee we had not seen, and the
nearest confirmed exam as the alternative. The AI product manager's plan changed too: a quick
prompting step right after AI literacy, a teardown as the PM skill's deliverable, and a tested
prototype with its brief as the portfolio project.

load_guide writes only missing rows, so a database loaded before these changes kept the old
facts and could still schedule an exam we can no longer confirm. Each field is changed only
while it still holds the value it was loaded with, so a staff edit made in the admin stays.
The values are copied here, not read from assessments/data, so the migration means the same
thing whatever the files say later; on a database without the rows it does nothing.
"""

import datetime

from django.db import migrations
from django.db.models import F

# Links to other credentials are given by slug; None is no link, "" no address.
# slug -> field -> (as loaded, as rechecked). Field by field still keeps every "retired" row
# dated (certification_retired_has_date): forwards a status still "retired" always moves on, and
# backwards a row going back to "retired" gets its old date unless staff gave it one.
CERTIFICATIONS = {
    'google-ai-product-manager': {
        'alternative': ('google-generative-ai-leader', None),
        'status_note': (
            'We found no credential by this name from Google. Google offers a Project Management certificate and, on Google Cloud, the Generative AI Leader exam for non-technical roles; neither is this one.',
            "We found no credential by this name on Google's own pages. Google Cloud's Generative AI Leader exam is the closest we know of, but Google's page for it was not in our reference copy either, so we do not send you to it. Your portfolio project is the evidence for this path.",
        ),
    },
    'coursera-ai-strategy': {
        'alternative': ('ai-for-everyone', None),
        'status_note': (
            'Coursera hosts many courses on AI strategy from different universities; we could not tell which one the guide means, so we name one we could confirm instead.',
            "Coursera hosts many courses on AI strategy from different universities; we could not tell which one the guide means, and none was confirmed on Coursera's own pages in our reference copy.",
        ),
    },
    'aws-ml-specialty': {
        'status': ('retired', 'not-confirmed'),
        'retired_on': (datetime.date(2026, 3, 31), None),
        'successor': ('aws-ml-engineer-associate', None),
        'alternative': (None, 'aws-ml-engineer-associate'),
        'status_note': (
            "AWS Certified Machine Learning – Specialty was retired on 31 March 2026 and can no longer be earned. AWS's own announcement was not in our reference copy; the date is from two independent guides that cite it.",
            "AWS's own exam guide for MLS-C01 is still published, but it does not say whether the exam can still be booked. Independent guides report that AWS retired it on 31 March 2026; we could not confirm that on AWS's own pages, so the plan does not schedule it and sends you to the exam that replaces it.",
        ),
        'source_url': (
            'https://ctaio.dev/en/ai-certifications/aws-ai-certification/',
            'https://docs.aws.amazon.com/aws-certification/latest/machine-learning-specialty-01/machine-learning-specialty-01.html',
        ),
    },
    'aws-ml-engineer-associate': {
        'status_note': (
            'The exam guide lists data preparation, model training and tuning, deployment with CI/CD, and monitoring of models, data and infrastructure.',
            "AWS's exam guide lists data preparation, model training and tuning, deployment with CI/CD, and monitoring of models, data and infrastructure.",
        ),
    },
    'google-professional-ml-engineer': {
        'status_note': (
            'Two hours, 50–60 questions; a new version of the exam went live on 1 June 2026.',
            "Google's page describes an exam on building, deploying, automating and monitoring ML and generative AI solutions; a new version of the exam went live on 1 June 2026. The fee was not on the Google page we could read, so none is given.",
        ),
        'cost_usd': (200, None),
    },
    'microsoft-azure-ai-engineer': {
        'status': ('retired', 'not-confirmed'),
        'retired_on': (datetime.date(2026, 6, 30), None),
        'successor': ('azure-ai-apps-agents-developer', None),
        'alternative': (None, 'aws-ml-engineer-associate'),
        'status_note': (
            'Exam AI-102 (Azure AI Engineer Associate) retired on 30 June 2026; its successor is AI-103, Azure AI Apps and Agents Developer Associate. It was an odd fit for a data-science path in any case: it tests building apps on Azure AI services, not modelling.',
            "Independent guides report that Microsoft retired exam AI-102 on 30 June 2026 and replaced it with AI-103; Microsoft's own pages for either were not in our reference copy, so we could not confirm it. It was an odd fit for a data-science path in any case: it tests building apps on Azure AI services, not modelling. The nearest exam we could confirm on its provider's page is AWS's ML Engineer – Associate.",
        ),
        'official_url': (
            'https://learn.microsoft.com/en-us/credentials/certifications/azure-ai-engineer/',
            '',
        ),
    },
    'azure-ai-apps-agents-developer': {
        'status': ('active', 'not-confirmed'),
        'alternative': (None, 'aws-ml-engineer-associate'),
        'status_note': (
            "The successor to AI-102; in beta when we checked. We did not find Microsoft's own page in our reference copy, so its address is left out.",
            "Reported by independent guides as AI-102's successor, in beta in 2026. Microsoft's own page for it was not in our reference copy, so we could not confirm it and give no address.",
        ),
    },
    'ibm-ai-engineering': {
        'status': ('active', 'not-confirmed'),
        'status_note': (
            'A course certificate: it shows you finished a series of online courses, not that you passed a proctored exam.',
            "A course certificate, not a proctored exam: it shows you finished a series of online courses. Coursera's own page for it was not in our reference copy, so we could not confirm that it is still offered.",
        ),
        'official_url': (
            'https://www.coursera.org/professional-certificates/ai-engineer',
            '',
        ),
    },
    'openai-api-certification': {
        'alternative': ('aws-ai-practitioner', None),
        'status_note': (
            'OpenAI announced OpenAI Certifications in September 2025, starting with AI fluency for the workplace; we found no certification of API or developer skills.',
            "OpenAI announced OpenAI Certifications in September 2025, starting with AI fluency for the workplace; we found no certification of API or developer skills. We read the announcement in a copy on another site, not on OpenAI's own pages.",
        ),
    },
    'aws-ai-practitioner': {
        'status': ('active', 'not-confirmed'),
        'status_note': (
            'Foundational: AI and ML concepts, generative AI, prompt engineering, responsible AI and governance.',
            "A foundational exam on AI, generative AI and responsible AI. AWS's own page for it was not in our reference copy, so we could not confirm it and do not send you to it.",
        ),
        'official_url': (
            'https://aws.amazon.com/certification/certified-ai-practitioner/',
            '',
        ),
    },
    'google-generative-ai-leader': {
        'status': ('active', 'not-confirmed'),
        'status_note': (
            "For non-technical roles such as product managers: 90 minutes, 50–60 questions. We did not find Google's own page in our reference copy, so no fee is given.",
            "A business-level exam for non-technical roles such as product managers. Google's own page for it was not in our reference copy, so we could not confirm it and do not send you to it.",
        ),
        'official_url': (
            'https://cloud.google.com/learn/certification/generative-ai-leader',
            '',
        ),
    },
    'ai-for-everyone': {
        'status': ('active', 'not-confirmed'),
        'status_note': (
            'A course certificate, not a proctored exam.',
            "A course certificate, not a proctored exam. Coursera's own page for it was not in our reference copy, so we could not confirm that it is still offered.",
        ),
        'official_url': (
            'https://www.coursera.org/learn/ai-for-everyone',
            '',
        ),
    },
    'custom-portfolio-projects': {
        'status_note': (
            '',
            'Evidence you make yourself, not a credential anyone issues: there is no provider to confirm.',
        ),
    },
    'research-publications': {
        'status_note': (
            '',
            'Evidence you make yourself, not a credential anyone issues: there is no provider to confirm.',
        ),
    },
    'conference-presentations': {
        'status_note': (
            '',
            'Evidence you make yourself, not a credential anyone issues: there is no provider to confirm.',
        ),
    },
    'cloud-ai-certifications': {
        'alternative': ('aws-ai-practitioner', None),
        'status_note': (
            'The guide names a family of credentials, not one; we name an active one to start with.',
            'The guide names a family of credentials, not one. The AI and ML exams of the cloud providers that we could confirm on their own pages (AWS ML Engineer – Associate, Google Professional ML Engineer) are engineering exams, not a fit for a solutions role, so we name none.',
        ),
    },
    'industry-ai-applications': {
        'status_note': (
            '',
            'Evidence you make yourself, not a credential anyone issues: there is no provider to confirm.',
        ),
    },
    'partnership-on-ai-certification': {
        'alternative': ('iapp-aigp', None),
        'status_note': (
            'The Partnership on AI is a nonprofit coalition of partner organisations; we found no certification it offers to individuals.',
            "The Partnership on AI's own pages describe a nonprofit coalition of partner organisations and say nothing of a certification for individuals; we found none.",
        ),
    },
    'iapp-aigp': {
        'status': ('active', 'not-confirmed'),
        'status_note': (
            "Vendor-neutral governance exam (EU AI Act, NIST AI RMF, ISO/IEC 42001). We did not find the IAPP's own page in our reference copy, so no fee is given.",
            "A vendor-neutral exam in AI governance (EU AI Act, NIST AI RMF, ISO/IEC 42001), as independent guides describe it. The IAPP's own page was not in our reference copy, so we could not confirm it and do not send you to it.",
        ),
        'official_url': ('https://iapp.org/certify/aigp/', ''),
    },
    'ethics-coursework': {
        'status_note': (
            '',
            'Evidence you make yourself, not a credential anyone issues: there is no provider to confirm.',
        ),
    },
}

# skill slug -> (deliverable as loaded, as changed)
SKILL_DELIVERABLES = {
    'ai-product-management': (
        'A product brief for an AI feature: the user problem, the data it needs, success metrics, failure modes and a launch plan.',
        'A teardown of an AI feature in a product you use: who it serves, the data it needs, how it fails, and the metrics you would put on its dashboard.',
    ),
}

# path slug -> (portfolio project as loaded, as changed)
PORTFOLIO_PROJECTS = {
    'business-to-ai-product-manager': (
        'Write a product brief for an AI feature in an industry you know: the user problem, the data it needs, how you would measure success and the risks.',
        'Prototype an AI feature for an industry you know (prompts in a chat model are enough), test it on 30 realistic cases and with five people, then write its product brief: the user problem, the data it needs, success metrics, failure modes and a launch plan.',
    ),
}

# role slug -> (skill -> place as loaded, skill -> place as changed), for the links that moved
SKILL_ORDER = {
    'ai-product-manager': (
        {'sql': 1, 'statistics': 2, 'prompt-engineering': 3},
        {'prompt-engineering': 1, 'sql': 2, 'statistics': 3},
    ),
}

LINKS = ("successor", "alternative")


def _update_certifications(apps, forwards):
    Certification = apps.get_model("assessments", "Certification")
    linked = {
        slug
        for changes in CERTIFICATIONS.values()
        for field in LINKS
        for slug in changes.get(field, ())
        if slug
    }
    ids = dict(Certification.objects.filter(slug__in=linked).values_list("slug", "pk"))
    changed = False
    for row in Certification.objects.filter(slug__in=CERTIFICATIONS):
        fields = []
        for field, values in CERTIFICATIONS[row.slug].items():
            was, becomes = values if forwards else values[::-1]
            if field in LINKS:
                # A credential named but missing cannot be matched or linked to.
                if (was and was not in ids) or (becomes and becomes not in ids):
                    continue
                field, was, becomes = f"{field}_id", ids.get(was), ids.get(becomes)
            if getattr(row, field) == was:
                setattr(row, field, becomes)
                fields.append(field)
        if fields:
            row.save(update_fields=fields)
            changed = True
    return changed


def _update_texts(apps, model_name, field, texts, forwards):
    Model = apps.get_model("assessments", model_name)
    changed = False
    for row in Model.objects.filter(slug__in=texts):
        was, becomes = texts[row.slug] if forwards else texts[row.slug][::-1]
        if getattr(row, field) == was:
            setattr(row, field, becomes)
            row.save(update_fields=[field])
            changed = True
    return changed


def _update_skill_order(apps, forwards):
    """A role's milestone order moves as a whole: only where every moved link still holds its
    old place, so a role staff reordered keeps their order."""
    RoleSkill = apps.get_model("assessments", "RoleSkill")
    changed = False
    for role, places in SKILL_ORDER.items():
        was, becomes = places if forwards else places[::-1]
        links = RoleSkill.objects.filter(role__slug=role, skill__slug__in=was).select_related(
            "skill"
        )
        if {link.skill.slug: link.sort_order for link in links} != was:
            continue
        for link in links:
            link.sort_order = becomes[link.skill.slug]
        RoleSkill.objects.bulk_update(links, ["sort_order"])
        changed = True
    return changed


def _update(apps, *, forwards):
    changed = [
        _update_certifications(apps, forwards),
        _update_texts(apps, "Skill", "deliverable", SKILL_DELIVERABLES, forwards),
        _update_texts(apps, "TransitionPath", "portfolio_project", PORTFOLIO_PROJECTS, forwards),
        _update_skill_order(apps, forwards),
    ]
    if any(changed):
        # Content caches are keyed by the content version (config.sitewide.caching).
        ContentVersion = apps.get_model("sitewide", "ContentVersion")
        if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
            ContentVersion.objects.create(pk=1, version=2)


def recheck_certifications(apps, schema_editor):
    _update(apps, forwards=True)


def restore_certifications(apps, schema_editor):
    _update(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_keep_users_data"),
        ("sitewide", "0001_initial"),
    ]

    operations = [migrations.RunPython(recheck_certifications, restore_certifications)]
