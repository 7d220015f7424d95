"""The public statistics pages: no login. Choose a region and a year, read the key figures
against the county, the KOSTRA group and the country, with charts; print the fact sheet;
download the release's files."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from kostra.errors import NotFound
from kostra.publish.release import Stage
from kostra.services import publishing
from kostra.services.years import current_year
from kostra.store import releases
from kostra.text import now
from kostra.web import public_statistics
from kostra.web.deps import PortalDep, ReadSessionDep

router = APIRouter(prefix="/statistikk", include_in_schema=False)


YearQuery = Annotated[int | None, Query(alias="aar")]
RegionPath = Annotated[str, Path(max_length=8)]


@router.get("")
def index(
    request: Request,
    portal: PortalDep,
    session: ReadSessionDep,
    year: YearQuery = None,
    region: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    """The statistics front page: the newest release, and the region picker."""
    if region:
        target = f"/statistikk/{quote(region.strip(), safe='')}"
        query = f"?{urlencode({'aar': year})}" if year else ""
        return RedirectResponse(target + query, status_code=303)
    try:
        release = public_statistics.chosen_release(session, year)
    except NotFound as error:
        upcoming = publishing.stage_choices(session, current_year(session))
        return portal.pages.render(
            request, "public_empty.html", {"message": error.message, "stages": upcoming}
        )
    shown = releases.once_public(session, now())
    return portal.pages.render(
        request,
        "public_index.html",
        {"release": release, "stage": Stage(release.stage),
         "choices": public_statistics.region_choices(session, release),
         "releases": [(r, publishing.withdrawal_text(r) if r.withdrawn_at else "")
                      for r in shown]},
    )  # fmt: skip


@router.get("/faktaark/{region}")
def fact_sheet(
    request: Request,
    portal: PortalDep,
    session: ReadSessionDep,
    region: RegionPath,
    year: YearQuery = None,
) -> Response:
    """A region's fact sheet: its key figures against its county, KOSTRA group and the country,
    over the years, with charts; printable on one or two A4 pages."""
    view = public_statistics.region_view(session, region, year, fact_sheet=True)
    return portal.pages.render(request, "public_factsheet.html", {"view": view})


@router.get("/filer/{release_id}/{name}")
def release_file(
    session: ReadSessionDep, release_id: int, name: Annotated[str, Path(max_length=120)]
) -> Response:
    """A file of a release, byte for byte as published (not found before the release's moment,
    nor once it is withdrawn)."""
    found = publishing.public_file(session, release_id, name)
    return Response(
        found.data, media_type=found.media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )  # fmt: skip


@router.get("/{region}")
def region_page(
    request: Request,
    portal: PortalDep,
    session: ReadSessionDep,
    region: RegionPath,
    year: YearQuery = None,
) -> Response:
    """A region's key figures and basic figures, against the regions it is compared with."""
    view = public_statistics.region_view(session, region, year)
    choices = public_statistics.region_choices(session, view.release)
    return portal.pages.render(request, "public_region.html", {"view": view, "choices": choices})
