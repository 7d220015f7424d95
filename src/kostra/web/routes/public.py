"""The public statistics pages: no login. Find a region by its name or code (a page of results,
and suggestions as one types), choose a year, read the key figures
against the county, the KOSTRA group and the country, with charts; print the fact sheet;
download the release's files."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

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
SearchQuery = Annotated[str, Query(alias="q", max_length=100)]
SUGGESTIONS = 10  # at most, as one types


def _region_url(code: str, year: int | None) -> str:
    query = f"?{urlencode({'aar': year})}" if year else ""
    return f"/statistikk/{quote(code, safe='')}{query}"


@router.get("")
def index(
    request: Request,
    portal: PortalDep,
    session: ReadSessionDep,
    year: YearQuery = None,
    region: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    """The statistics front page: the newest release, and the search for a region (an old
    address with `?region=` goes to the search, which opens the region it names)."""
    if region:
        wanted = {"q": region.strip(), **({"aar": year} if year else {})}
        return RedirectResponse(f"/statistikk/sok?{urlencode(wanted)}", status_code=303)
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
         "releases": [(r, publishing.withdrawal_text(r) if r.withdrawn_at else "")
                      for r in shown],
         "published_years": public_statistics.published_years(session)},
    )  # fmt: skip


@router.get("/sok")
def search(
    request: Request,
    portal: PortalDep,
    session: ReadSessionDep,
    query: SearchQuery = "",
    year: YearQuery = None,
) -> Response:
    """The regions whose name or code matches the query, as links (the search without script);
    the one region whose code or whole name was typed is opened at once."""
    release = public_statistics.chosen_release(session, year)
    found = public_statistics.find_regions(session, release, query)
    exact = [f for f in found if f.exact]
    if len(exact) == 1 or len(found) == 1:
        return RedirectResponse(_region_url((exact or found)[0].code, year), status_code=303)
    return portal.pages.render(
        request,
        "public_search.html",
        {"release": release, "query": query.strip(), "found": found, "year": year,
         "published_years": public_statistics.published_years(session)},
    )  # fmt: skip


@router.get("/forslag")
def suggestions(
    session: ReadSessionDep, query: SearchQuery = "", year: YearQuery = None
) -> Response:
    """The regions matching what has been typed so far, best first, for the search field."""
    release = public_statistics.chosen_release(session, year)
    found = public_statistics.find_regions(session, release, query)[:SUGGESTIONS]
    return JSONResponse(
        [{"code": f.code, "name": f.name, "detail": f.detail, "url": _region_url(f.code, year)}
         for f in found],
        headers={"Cache-Control": "no-store"},
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
    return portal.pages.render(request, "public_region.html", {"view": view})
