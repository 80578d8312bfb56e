from hyperopt import hp


class Space:
    def model_space(self):
        return {"dropout_rate": hp.uniform("dropout_rate", 0.3, 0.6)}

    def dataset_space(self):
        return {}
