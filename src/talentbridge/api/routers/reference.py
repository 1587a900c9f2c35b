"""Reference data (public): jurisdictions, cities, zones, fields, professions, document and authority lists."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from talentbridge.api.errors import error_responses
from talentbridge.api.schemas.reference import (
    AuthorityFilters,
    AuthorityOut,
    CityOut,
    DocumentTypeOut,
    FieldOut,
    JurisdictionOut,
    ProfessionOut,
    ZoneOut,
)
from talentbridge.reference.models import (
    Authority,
    City,
    IdentityDocumentType,
    Jurisdiction,
    Profession,
    ProfessionalField,
    SpecialZone,
)

router = Router(tags=["reference"], auth=None)


@router.get("/reference/jurisdictions", response=list[JurisdictionOut], url_name="jurisdictions")
def jurisdiction_list(request: HttpRequest) -> QuerySet[Jurisdiction]:
    """Guangdong, Hong Kong and Macao; names in English, Simplified and Traditional Chinese."""
    return Jurisdiction.objects.order_by("code")


@router.get("/reference/cities", response=list[CityOut], url_name="cities")
def city_list(request: HttpRequest) -> QuerySet[City]:
    """The eleven GBA cities."""
    return City.objects.select_related("jurisdiction").order_by("code")


@router.get("/reference/zones", response=list[ZoneOut], url_name="zones")
def zone_list(request: HttpRequest) -> QuerySet[SpecialZone]:
    """The cooperation zones."""
    return SpecialZone.objects.select_related("city").order_by("code")


@router.get("/reference/fields", response=list[FieldOut], url_name="fields")
def field_list(request: HttpRequest) -> QuerySet[ProfessionalField]:
    """Fields of professional practice."""
    return ProfessionalField.objects.order_by("code")


@router.get("/reference/professions", response=list[ProfessionOut], url_name="professions")
def profession_list(request: HttpRequest) -> QuerySet[Profession]:
    """Regulated professions and their field."""
    return Profession.objects.select_related("field").order_by("code")


@router.get("/reference/document-types", response=list[DocumentTypeOut], url_name="document_types")
def document_type_list(request: HttpRequest) -> QuerySet[IdentityDocumentType]:
    """Identity and travel documents and who issues them."""
    return IdentityDocumentType.objects.select_related("issued_by").order_by("code")


@router.get(
    "/reference/authorities",
    response={200: list[AuthorityOut], **error_responses(422)},
    url_name="authorities",
)
def authority_list(request: HttpRequest, filters: Query[AuthorityFilters]) -> QuerySet[Authority]:
    """Competent authorities and registration bodies, optionally of one kind."""
    authorities = Authority.objects.select_related("jurisdiction", "city").prefetch_related("fields")
    if filters.kind:
        authorities = authorities.filter(kind=filters.kind)
    return authorities.order_by("code")
