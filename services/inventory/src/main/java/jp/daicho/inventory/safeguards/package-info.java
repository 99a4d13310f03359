/**
 * What Art. 23 and 28 ask the company to know and keep: the regime of each foreign country data goes to (外的環境の把握),
 * the register of security-control measures (安全管理措置) linked to the systems they protect, and the findings where the
 * systems, the register and the policy's promises disagree.
 */
package jp.daicho.inventory.safeguards;
