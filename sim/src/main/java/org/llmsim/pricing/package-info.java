/**
 * How GPU pools are paid for: {@link org.llmsim.pricing.PoolPricing} (on demand, reserved, spot or owned, resolved to
 * numbers from a pool's {@code pricing}, a price catalog entry and the GPU profile) and
 * {@link org.llmsim.pricing.PoolBill} (what a stretch of a pool's provisioned time cost, by kind of spend). The
 * scenario resolves prices into it and the metrics bill provisioned time with it.
 *
 * <p>Depends on nothing else of llmsim.
 */
package org.llmsim.pricing;
