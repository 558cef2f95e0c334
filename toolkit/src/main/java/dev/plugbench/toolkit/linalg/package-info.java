/**
 * Dense float64 linear algebra on the LAPACK that ND4J ships (OpenBLAS through
 * {@code org.bytedeco.openblas}): symmetric eigendecomposition by divide and conquer (dsyevd),
 * singular values and vectors (dgesdd), Cholesky and triangular solves. ND4J's own SVD op is not
 * used: it is wrong for n >= 16 in the ND4J version pinned here.
 */
@ToolkitStatus(ToolkitStatus.Level.MAINTAINED)
package dev.plugbench.toolkit.linalg;

import dev.plugbench.toolkit.ToolkitStatus;
