"""The resident's readable overview of their data, with requests, a conversation, support,
an escalated mandate request, decisions and a letter in it, passes axe in a real browser."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import Visit, log_in_with_session
from tests.privacy.test_export import Support


def test_the_overview_with_conversations_and_decisions_passes_axe(
    transactional_db, world, new_context, live_server
):
    scene = Support(world)
    context = new_context()
    log_in_with_session(context, live_server, world.resident)
    visit = Visit(context.new_page())
    visit.page.goto(reverse("privacy:my_data_overview", args=[world.household.pk]))
    visit.arrive(re.compile("Mijn gegevens"))
    main = visit.page.locator("main")
    expect(main).to_contain_text("Uw vragen om hulp en uw gesprekken")
    expect(main).to_contain_text("Past bij het doel van Yassin.")
    expect(main).to_contain_text(scene.letter.title)
    visit.assert_all_checked()
    context.close()
