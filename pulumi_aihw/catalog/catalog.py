"""The immutable :class:`Catalog` and its queries."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from types import MappingProxyType

from pulumi_aihw.catalog.groups import OfferingGroup, group_offerings
from pulumi_aihw.catalog.models import Accelerator, CatalogDocument, Efficiency, Offering
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import Family

_NORMALIZE = re.compile(r"[^a-z0-9]+")
_VENDOR_WORDS = ("nvidia-", "google-", "aws-", "amd-", "intel-", "instinct-")


def normalize_name(name: str) -> str:
    """Lower-case, punctuation to dashes, vendor words dropped.

    ``NVIDIA H100 SXM`` -> ``h100-sxm``.
    """
    slug = _NORMALIZE.sub("-", name.lower()).strip("-")
    changed = True
    while changed:
        changed = False
        for word in _VENDOR_WORDS:
            if slug.startswith(word):
                slug = slug[len(word) :]
                changed = True
    return slug


class Catalog:
    """A dated, sourced snapshot of accelerators and offerings. Immutable; cheap to query."""

    __slots__ = (
        "_by_id",
        "_by_key",
        "_doc",
        "_family_providers",
        "_groups",
        "_names",
        "_offering_names",
        "_regions",
    )

    def __init__(self, document: CatalogDocument) -> None:
        self._doc = document
        self._by_id: MappingProxyType[str, Accelerator] = MappingProxyType(
            {a.id: a for a in document.accelerators}
        )
        names: dict[str, str] = {}
        for acc in document.accelerators:
            for label in (acc.id, acc.name, *acc.aliases):
                names.setdefault(normalize_name(label), acc.id)
        self._names = MappingProxyType(names)
        self._by_key = MappingProxyType({o.key: o for o in document.offerings})
        fp: dict[str, set[str]] = {}
        for o in document.offerings:
            fp.setdefault(self._by_id[o.accelerator_id].family.value, set()).add(o.provider.value)
        self._family_providers = MappingProxyType({k: frozenset(v) for k, v in fp.items()})
        self._groups: tuple[OfferingGroup, ...] | None = None
        self._offering_names = tuple(sorted({o.offering for o in document.offerings}))
        self._regions = tuple(sorted({o.region for o in document.offerings if o.region}))

    # -- whole-catalog facts -------------------------------------------------
    @property
    def document(self) -> CatalogDocument:
        return self._doc

    @property
    def as_of(self) -> dt.date:
        return self._doc.as_of

    @property
    def oldest_as_of(self) -> dt.date:
        dates = [o.as_of for o in self._doc.offerings] or [self._doc.as_of]
        return min(dates)

    @property
    def efficiency(self) -> Efficiency | None:
        """Fitted efficiency factors (docs/sizing.md); ``None`` in snapshots without them."""
        return self._doc.efficiency

    @property
    def accelerators(self) -> tuple[Accelerator, ...]:
        return self._doc.accelerators

    @property
    def offerings(self) -> tuple[Offering, ...]:
        return self._doc.offerings

    @property
    def groups(self) -> tuple[OfferingGroup, ...]:
        """Offerings grouped by shape (all regions of one offering), built on first use."""
        if self._groups is None:
            self._groups = group_offerings(self._doc.offerings)
        return self._groups

    def __iter__(self) -> Iterator[Offering]:
        return iter(self._doc.offerings)

    def __len__(self) -> int:
        return len(self._doc.offerings)

    # -- lookups -------------------------------------------------------------
    def accelerator(self, accelerator_id: str) -> Accelerator:
        """The accelerator with this exact id (``KeyError`` if absent: a catalog bug)."""
        return self._by_id[accelerator_id]

    def find_accelerator(self, name: str) -> Accelerator | None:
        """Resolve an id, name or alias, case- and punctuation-insensitively."""
        acc_id = self._names.get(normalize_name(name))
        return self._by_id[acc_id] if acc_id else None

    def resolve_accelerator(self, name: str) -> Accelerator:
        """Like :meth:`find_accelerator` but raises a :class:`CatalogError` with suggestions."""
        acc = self.find_accelerator(name)
        if acc is None:
            raise CatalogError(unknown_accelerator_message(self, name))
        return acc

    def accelerator_suggestions(self, name: str, limit: int = 3) -> list[str]:
        """Ids close to ``name``: ids it is a prefix of first (``a100`` -> both A100s),
        then the closest spellings of any id, name or alias."""
        norm = normalize_name(name)
        prefixed = sorted(a.id for a in self.accelerators if norm and a.id.startswith(norm))
        out = list(prefixed)
        for key in difflib.get_close_matches(norm, list(self._names), n=limit * 3, cutoff=0.5):
            if self._names[key] not in out:
                out.append(self._names[key])
        return out[: max(limit, len(prefixed))]

    def offering_names(self) -> list[str]:
        return list(self._offering_names)

    def offering_suggestions(self, name: str, limit: int = 3) -> list[str]:
        return difflib.get_close_matches(name, self.offering_names(), n=limit, cutoff=0.5)

    def regions(self) -> list[str]:
        return list(self._regions)

    def by_key(self, key: str) -> Offering | None:
        return self._by_key.get(key)

    def find(
        self,
        *,
        provider: str | None = None,
        offering: str | None = None,
        region: str | None = None,
        family: Family | str | None = None,
        accelerator: str | None = None,
    ) -> list[Offering]:
        """Offerings matching every given filter (accelerator by id, name or alias)."""
        acc_id = None
        if accelerator is not None:
            acc_id = self.resolve_accelerator(accelerator).id
        out = []
        for o in self._doc.offerings:
            if provider is not None and o.provider != provider:
                continue
            if offering is not None and o.offering != offering:
                continue
            if region is not None and o.region != region:
                continue
            if acc_id is not None and o.accelerator_id != acc_id:
                continue
            if family is not None and self._by_id[o.accelerator_id].family != family:
                continue
            out.append(o)
        return out

    def providers_of(self, family: Family | str) -> frozenset[str]:
        """Which providers sell accelerators of this family."""
        return self._family_providers.get(str(family), frozenset())

    def sole_provider(self, family: Family | str) -> str | None:
        """The one provider selling this accelerator family, or ``None`` (several, or GPUs:
        GPUs run the same software on every cloud and on bare metal, so they never tie a
        workload to the cloud that sells them). The owner of single-cloud lock-in."""
        if str(family) == Family.GPU.value:
            return None
        providers = self.providers_of(family)
        return next(iter(providers)) if len(providers) == 1 else None


def unknown_accelerator_message(catalog: Catalog, name: str) -> str:
    """``unknown accelerator 'x'. Did you mean ...? Known: ...`` in one place for every caller."""
    hint = ""
    suggestions = catalog.accelerator_suggestions(name)
    if suggestions:
        hint = f" Did you mean {or_list(suggestions)}?"
    known = ", ".join(sorted(a.id for a in catalog.accelerators))
    return f"unknown accelerator '{name}'.{hint} Known accelerators: {known}."


def unknown_offering_message(catalog: Catalog, name: str) -> str:
    hint = catalog.offering_suggestions(name)
    mean = f" Did you mean {or_list(hint)}?" if hint else ""
    return f"unknown offering '{name}'.{mean} `aihw catalog` lists every offering."


def or_list(items: Iterable[str]) -> str:
    """``'a', 'b' or 'c'``."""
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
