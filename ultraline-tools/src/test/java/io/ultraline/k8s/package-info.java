/**
 * Build-time checks of the Kubernetes deployment in {@code k8s/}: a small kustomize renderer
 * (exactly the features the manifests use), strict validation of every rendered object against
 * the Kubernetes models and the custom resources' required fields, and the contract between the
 * manifests, {@code application.yml}, {@code topology-docs/topics.md} and the Jib image.
 */
package io.ultraline.k8s;
