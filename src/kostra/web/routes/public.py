"""The public statistics pages: no login. Choose a region and a year, read the key figures
against the county, the KOSTRA group and the country, with charts; print the fact sheet;
download the release's files."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kostra.errors import NotFound
from kostra.publish.dataset import Category
from kostra.publish.release import Stage
from kostra.store import releases
from kostra.store.models import Release
from kostra.web import public_statistics
from kostra.web.deps import PortalDep

router = APIRouter(prefix="/statistikk", include_in_schema=False)


@router.get("")
async def index(
    request: Request,
    portal: PortalDep,
    year: Annotated[int | None, Query(alias="aar")] = None,
    region: str = "",
) -> Response:
    """The statistics front page: the newest release, and the region picker."""
    if region:
        target = f"/statistikk/{quote(region.strip(), safe='')}"
        query = f"?{urlencode({'aar': year})}" if year else ""
        return RedirectResponse(target + query, status_code=303)

    def gather() -> tuple[Release, tuple[tuple[str, tuple[Category, ...]], ...], list[Release]]:
        release = public_statistics.chosen_release(portal, year)
        with portal.db.read() as session:
            every = releases.releases(session)
        return release, public_statistics.region_choices(portal, release), every

    try:
        release, choices, every = await run_in_threadpool(gather)
    except NotFound:
        return portal.pages.render(request, "public_empty.html", {}, status=200)
    return portal.pages.render(
        request,
        "public_index.html",
        {"release": release, "stage": Stage(release.stage), "choices": choices,
         "releases": every},
    )  # fmt: skip


@router.get("/faktaark/{region}")
async def fact_sheet(
    request: Request,
    portal: PortalDep,
    region: Annotated[str, Path(max_length=8)],
    year: Annotated[int | None, Query(alias="aar")] = None,
) -> Response:
    """A region's fact sheet: its key figures against its county, KOSTRA group and the country,
    over the years, with charts; printable on one or two A4 pages."""
    view = await run_in_threadpool(
        lambda: public_statistics.region_view(portal, region, year, fact_sheet=True)
    )
    return portal.pages.render(request, "public_factsheet.html", {"view": view})


@router.get("/filer/{release_id}/{name}")
async def release_file(
    portal: PortalDep, release_id: int, name: Annotated[str, Path(max_length=120)]
) -> Response:
    """A file of a release, byte for byte as published."""

    def read() -> tuple[bytes, str] | None:
        with portal.db.read() as session:
            found = releases.release_file(session, release_id, name)
            return (found.data, found.media_type) if found is not None else None

    found = await run_in_threadpool(read)
    if found is None:
        raise NotFound("Filen finnes ikke.")
    data, media = found
    return Response(
        data, media_type=media,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )  # fmt: skip


@router.get("/{region}")
async def region_page(
    request: Request,
    portal: PortalDep,
    region: Annotated[str, Path(max_length=8)],
    year: Annotated[int | None, Query(alias="aar")] = None,
) -> Response:
    """A region's key figures and basic figures, against the regions it is compared with."""
    view = await run_in_threadpool(lambda: public_statistics.region_view(portal, region, year))
    choices = await run_in_threadpool(public_statistics.region_choices, portal, view.release)
    return portal.pages.render(request, "public_region.html", {"view": view, "choices": choices})
