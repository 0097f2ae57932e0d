"""Avatars: initials by default; photos checked, shrunk and stripped, served to the owner only, cleaned up."""
import io
from pathlib import Path

import pytest
from PIL import Image

from netevents.errors import Invalid
from netevents.models import Person
from netevents.photos import MAX_PHOTO_BYTES, PHOTO_SIZE, photo_path, prepare_photo
from netevents.services.avatars import initials
from netevents.services.merge import merge_people
from netevents.services.people import PersonFields, create_person


def picture(width=1200, height=800, fmt="JPEG", exif=True) -> bytes:
    """A picture file, with GPS-like EXIF data when ``exif``."""
    image = Image.new("RGB", (width, height), (200, 80, 40))
    out = io.BytesIO()
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS info
        extra["exif"] = data.tobytes()
    image.save(out, fmt, **extra)
    return out.getvalue()


def add(session, owner, name):
    return create_person(session, PersonFields(display_name=name), owner=owner)


def upload(client, person, data, name="me.jpg"):
    return client.post(f"/people/{person.id}/photo", data={"photo": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def stored(app, account, person):
    return photo_path(app.config["DATA_DIR"], account.id, person.photo)


@pytest.mark.parametrize("name, expected", [("María García", "MG"), ("Dr. Ada Lovelace", "AL"), ("Cher", "C"),
                                            ("jean-luc picard", "JP"), ("  ", "?"), ("李 小龍", "李小")])
def test_initials(name, expected):
    assert initials(name) == expected


def test_prepare_photo_shrinks_and_strips_metadata():
    result = Image.open(io.BytesIO(prepare_photo(picture())))
    assert max(result.size) == PHOTO_SIZE and result.format == "JPEG"
    assert not result.getexif() and "exif" not in result.info


@pytest.mark.parametrize("data, message", [(b"", "Choose a photo"), (b"not a picture", "not a picture"),
                                           (b"x" * (MAX_PHOTO_BYTES + 1), "over 8 MB")])
def test_prepare_photo_refuses_what_is_not_a_small_picture(data, message):
    with pytest.raises(Invalid, match=message):
        prepare_photo(data)


def test_a_huge_canvas_is_refused_before_it_is_decoded():
    with pytest.raises(Invalid) as caught:
        prepare_photo(picture(9000, 9000, fmt="PNG", exif=False))
    assert "photo" in caught.value.field_errors


def test_the_person_page_shows_initials_until_a_photo_is_uploaded(app, user_client, session, account):
    ann = add(session, account, "Ann Lee")
    page = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert ">AL</span>" in page and "Add a photo" in page
    response = upload(user_client, ann, picture(fmt="PNG", exif=False), "me.png")
    assert response.status_code == 302
    session.expire_all()
    assert stored(app, account, ann).is_file()
    page = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert f'src="/people/{ann.id}/photo?v=' in page and ">AL</span>" not in page
    with user_client.get(f"/people/{ann.id}/photo") as served:
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        assert "private" in served.headers["Cache-Control"]
        assert not Image.open(io.BytesIO(served.data)).getexif()


def test_a_bad_upload_says_why_and_keeps_the_initials(user_client, session, account):
    ann = add(session, account, "Ann Lee")
    upload(user_client, ann, b"GIF89a this is no gif")
    page = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert "Photo not saved: Use a JPEG, PNG, GIF or WebP picture." in page
    session.expire_all()
    assert session.get(Person, ann.id).photo is None


def test_an_oversized_upload_is_refused_unread(user_client, session, account, monkeypatch):
    # a small limit, so the test client keeps the body in memory rather than in a temporary file
    monkeypatch.setattr("netevents.web.avatars.MAX_PHOTO_BYTES", 10_000)
    ann = add(session, account, "Ann Lee")
    assert upload(user_client, ann, b"x" * 150_000).status_code == 413


def test_replacing_and_removing_a_photo_deletes_the_old_file(app, user_client, session, account):
    ann = add(session, account, "Ann Lee")
    upload(user_client, ann, picture())
    session.expire_all()
    first = stored(app, account, session.get(Person, ann.id))
    upload(user_client, ann, picture(300, 300))
    session.expire_all()
    second = stored(app, account, session.get(Person, ann.id))
    assert second != first and second.is_file() and not first.exists()
    user_client.post(f"/people/{ann.id}/photo/delete")
    session.expire_all()
    assert session.get(Person, ann.id).photo is None and not second.exists()


def test_deleting_a_person_deletes_their_photo(app, user_client, session, account):
    ann = add(session, account, "Ann Lee")
    upload(user_client, ann, picture())
    session.expire_all()
    path = stored(app, account, session.get(Person, ann.id))
    user_client.post(f"/people/{ann.id}/delete")
    assert not path.exists()


def test_a_merge_keeps_one_photo_and_deletes_the_other(app, user_client, session, account):
    ann, copy, bare = add(session, account, "Ann Lee"), add(session, account, "Ann L."), add(session, account, "A L")
    upload(user_client, ann, picture())
    upload(user_client, copy, picture(300, 300))
    session.expire_all()
    kept, dropped = (stored(app, account, session.get(Person, p.id)) for p in (ann, copy))
    user_client.post(f"/people/merge/{ann.id}/{copy.id}")
    assert kept.is_file() and not dropped.exists()
    survivor = merge_people(session, bare.id, ann.id, owner=account)  # no photo of its own: takes the other's
    assert stored(app, account, survivor) == kept


def test_photos_are_served_to_their_owner_only(app, user_client, session, account, make_account):
    ann = add(session, account, "Ann Lee")
    upload(user_client, ann, picture())
    stranger = app.test_client(user=make_account())
    assert stranger.get(f"/people/{ann.id}/photo").status_code == 404
    assert stranger.post(f"/people/{ann.id}/photo", data={"photo": (io.BytesIO(picture()), "x.jpg")},
                         content_type="multipart/form-data").status_code == 404
    assert stranger.post(f"/people/{ann.id}/photo/delete").status_code == 404
    assert app.test_client().get(f"/people/{ann.id}/photo").status_code in (302, 401)
    session.expire_all()
    assert session.get(Person, ann.id).photo is not None


def test_photos_live_in_the_data_folder(app, user_client, session, account):
    ann = add(session, account, "Ann Lee")
    upload(user_client, ann, picture())
    session.expire_all()
    path = stored(app, account, session.get(Person, ann.id))
    assert Path(app.config["DATA_DIR"]) / "photos" / str(account.id) == path.parent
