from django.urls import reverse


def test_dutch_is_the_default_even_for_an_english_browser(client, db):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()


def test_the_language_switch_turns_the_pages_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log in" in page
    assert 'lang="en"' in page
    client.post(reverse("set_language"), {"language": "nl", "next": "/inloggen/"})
    assert 'lang="nl"' in client.get(reverse("accounts:login")).content.decode()
