/**
 * Model profiles from a published Hugging Face {@code config.json}: {@code llmsim model import}, and a scenario's
 * {@code model:} naming a config file.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.modelimport.ConfigImporter} - reads a config of a supported architecture into a
 *       {@link org.llmsim.hardware.ModelProfile} with every shape the cost model prices (latent, sliding-window and
 *       linear attention, shared experts, dense layers) and the parameters counted from them; refuses an unknown
 *       architecture or a key it cannot interpret, naming it.</li>
 *   <li>{@link org.llmsim.modelimport.ProfileYaml} - writes a profile in the format of
 *       {@code gpu-profiles/models/*.yaml}; the catalog's imported files are its output, byte for byte.</li>
 *   <li>{@link org.llmsim.modelimport.ConfigProblems} - what could not be read, field by field.</li>
 * </ul>
 *
 * <p>Depends on: hardware.
 */
package org.llmsim.modelimport;
