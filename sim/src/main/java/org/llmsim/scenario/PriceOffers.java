package org.llmsim.scenario;

import java.nio.file.Path;

/** Reads and checks price catalog entries ({@code gpu-profiles/prices/*.yaml}) for the {@link ProfileCatalog}. */
final class PriceOffers {
    private PriceOffers() {
    }

    static PriceOffer load(Path file, String expectedId) {
        ProfileCatalog.Document doc = ProfileCatalog.read(file);
        Problems p = new Problems(doc.name(), doc.lines());
        PriceOffer o = StrictYaml.bind(doc.tree(), PriceOffer.class, p);
        if (o == null) {
            p.throwIfAny();
        }
        ProfileCatalog.checkId(p, o.id(), expectedId);
        p.required("provider", o.provider());
        p.required("instance_type", o.instanceType());
        if (p.required("gpus", o.gpus())) {
            p.atLeast("gpus", o.gpus(), 1);
        }
        p.nonNegative("on_demand_usd_per_hour", o.onDemandUsdPerHour());
        p.nonNegative("spot_usd_per_hour", o.spotUsdPerHour());
        p.nonNegative("spot_notice_s", o.spotNoticeS());
        p.nonNegative("purchase_usd", o.purchaseUsd());
        p.positive("server_power_kw", o.serverPowerKw());
        for (int i = 0; i < o.reserved().size(); i++) {
            PriceOffer.Commitment c = o.reserved().get(i);
            String path = "reserved[" + i + "]";
            if (c == null) {
                p.add(path, "must give term_years and usd_per_hour");
                continue;
            }
            if (p.required(path + ".term_years", c.termYears()) && c.termYears() != 1 && c.termYears() != 3) {
                p.add(path + ".term_years", "must be 1 or 3, got " + c.termYears());
            }
            if (p.required(path + ".usd_per_hour", c.usdPerHour())) {
                p.nonNegative(path + ".usd_per_hour", c.usdPerHour());
            }
        }
        if (o.onDemandUsdPerHour() == null && o.reserved().isEmpty() && o.spotUsdPerHour() == null
                && o.purchaseUsd() == null) {
            p.add("on_demand_usd_per_hour", "an entry needs at least one price: on_demand_usd_per_hour, reserved, "
                    + "spot_usd_per_hour or purchase_usd");
        }
        p.required("price_as_of", o.priceAsOf());
        ProfileCatalog.checkSources(p, o.sources());
        p.sortByLine();
        p.throwIfAny();
        return o.id() == null ? o.withId(ProfileCatalog.stem(file)) : o;
    }
}
